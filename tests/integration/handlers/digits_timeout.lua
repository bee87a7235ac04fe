-- digits_timeout.lua: asks for at least one digit, twice (Repeat 2), giving
-- the caller 1 s after each beep; a caller who presses nothing must make
-- the action fail with DigitCollectionFailed. Hangs up on the result.

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  local t = event.InvocationEventType

  if t == "NEW_INBOUND_CALL" then
    return response({
      { Type = "PlayAudioAndGetDigits", Parameters = { CallId = call_id,
          AudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" },
          FailureAudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" },
          MinNumberOfDigits = 1, MaxNumberOfDigits = 4, Repeat = 2,
          RepeatDurationInMilliseconds = 1000 } } })
  end
  if t == "ACTION_SUCCESSFUL" or t == "ACTION_FAILED" then
    return response({ { Type = "Hangup", Parameters = { CallId = call_id,
        SipResponseCode = "0" } } })
  end
  return response({})
end
