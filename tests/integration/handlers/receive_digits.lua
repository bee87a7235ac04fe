-- receive_digits.lua: answers with a beep and arms ReceiveDigits for two
-- digits and "#" (the guide's example regex); the action completes at once,
-- and the caller's matching input arrives later as DIGITS_RECEIVED, to
-- which the handler replies by hanging up.

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  local t = event.InvocationEventType

  if t == "NEW_INBOUND_CALL" then
    return response({
      { Type = "PlayAudio", Parameters = { CallId = call_id,
          AudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" } } },
      { Type = "ReceiveDigits", Parameters = { CallId = call_id,
          InputDigitsRegex = "^\\d{2}#$",
          InBetweenDigitsDurationInMilliseconds = 1000,
          FlushDigitsDurationInMilliseconds = 5000 } } })
  end
  if t == "DIGITS_RECEIVED" or t == "ACTION_FAILED" then
    return response({ { Type = "Hangup", Parameters = { CallId = call_id,
        SipResponseCode = "0" } } })
  end
  -- ACTION_SUCCESSFUL of ReceiveDigits: wait, with nothing to run.
  return response({})
end
