-- unanswered_pause.lua: leaves the caller ringing (Pause does not answer),
-- then returns an empty list, so the call sits unanswered and idle.
function handler(event)
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    return { SchemaVersion = "1.0", Actions = {
      { Type = "Pause", Parameters = { DurationInMilliseconds = 100 } } } }
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
