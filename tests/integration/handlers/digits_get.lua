-- digits_get.lua: answers with a beep and collects up to 8 digits ended by
-- "#" (PlayAudioAndGetDigits, one attempt of 5 s, 3 s allowed between key
-- presses), then hangs up. The test reads the ReceivedDigits the handler
-- got from the CDR timeline.

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
          MinNumberOfDigits = 1, MaxNumberOfDigits = 8, TerminatorDigits = { "#" },
          InBetweenDigitsDurationInMilliseconds = 3000,
          RepeatDurationInMilliseconds = 5000 } } })
  end
  if t == "ACTION_SUCCESSFUL" or t == "ACTION_FAILED" then
    return response({ { Type = "Hangup", Parameters = { CallId = call_id,
        SipResponseCode = "0" } } })
  end
  return response({})
end
