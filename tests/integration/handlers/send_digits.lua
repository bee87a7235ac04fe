-- send_digits.lua: answers (SendDigits answers first) and sends "123#" to
-- the caller, 100 ms per tone, then hangs up. RFC 4733 events when the
-- caller offered telephone-event, in-band tones otherwise.

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId

  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    return response({
      { Type = "SendDigits", Parameters = { CallId = call_id,
          Digits = "123#", ToneDurationInMilliseconds = 100 } },
      { Type = "Pause", Parameters = { CallId = call_id,
          DurationInMilliseconds = 300 } },
      { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } } })
  end
  if event.InvocationEventType == "ACTION_FAILED" then
    return response({ { Type = "Hangup", Parameters = { CallId = call_id,
        SipResponseCode = "0" } } })
  end
  return response({})
end
