-- digits_rfc4733.lua: collects the caller's key presses twice, first with
-- PlayAudioAndGetDigits (up to 8 digits, ends 1 s after the last one),
-- then with an armed ReceiveDigits listener (any run of digits); hangs up
-- on the DIGITS_RECEIVED. A key press reported twice would show as "11".

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  local t, data = event.InvocationEventType, event.ActionData or {}
  local hangup = { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } }

  if t == "NEW_INBOUND_CALL" then
    return response({
      { Type = "PlayAudioAndGetDigits", Parameters = { CallId = call_id,
          AudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" },
          FailureAudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" },
          MinNumberOfDigits = 1, MaxNumberOfDigits = 8,
          InBetweenDigitsDurationInMilliseconds = 1000,
          RepeatDurationInMilliseconds = 5000 } } })
  end
  if t == "ACTION_SUCCESSFUL" and data.Type == "PlayAudioAndGetDigits" then
    return response({
      { Type = "ReceiveDigits", Parameters = { CallId = call_id,
          InputDigitsRegex = "^\\d+$",
          InBetweenDigitsDurationInMilliseconds = 1000,
          FlushDigitsDurationInMilliseconds = 4000 } } })
  end
  if t == "ACTION_SUCCESSFUL" and data.Type == "ReceiveDigits" then
    -- Nothing to run: the line stays open while the listener waits, and
    -- the BYE the caller gets comes from the DIGITS_RECEIVED reply.
    return response({})
  end
  if t == "DIGITS_RECEIVED" or t == "ACTION_FAILED" then
    return response({ hangup })
  end
  return response({})
end
