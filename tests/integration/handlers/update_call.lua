-- update_call.lua: a caller on hold for the mid-call update test. The first
-- list is one long PlayAudio (the greeting 20 times, about a minute); an
-- update replaces it. Arguments.next picks the new list:
--   "replay"  the long PlayAudio again (so the call stays up),
--   "hangup"  a short Pause, then Hangup (the call ends from the update).
-- Every other event gets an empty list: nothing is stored between events.
local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

local function hold(call_id)
  return { Type = "PlayAudio", Parameters = { CallId = call_id, Repeat = 20,
    AudioSource = { Type = "S3", BucketName = "prompts", Key = "thanks.wav" } } }
end

function handler(event)
  local t = event.InvocationEventType
  local call_id = event.CallDetails.Participants[1].CallId
  if t == "NEW_INBOUND_CALL" then
    return response({ hold(call_id) })
  end
  if t ~= "CALL_UPDATE_REQUESTED" then
    return response({})
  end
  local args = event.ActionData.Parameters.Arguments or {}
  if args.next == "replay" then
    return response({ hold(call_id) })
  elseif args.next == "hangup" then
    return response({
      { Type = "Pause", Parameters = { CallId = call_id,
          DurationInMilliseconds = 200 } },
      { Type = "Hangup", Parameters = { CallId = call_id,
          SipResponseCode = "0" } },
    })
  end
  return response({})
end
