-- no_schema.lua: a response table without SchemaVersion.
function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  return { Actions = { { Type = "Hangup",
    Parameters = { CallId = call_id, SipResponseCode = "0" } } } }
end
