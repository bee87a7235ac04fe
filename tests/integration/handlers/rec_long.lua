-- rec_long.lua: a 30 s RecordAudio of the caller into bucket "vm", prefix
-- "crash" (the server gets killed in the middle of it), then hang up.
function handler(event)
  local id = event.CallDetails.Participants[1].CallId
  local acts = {}
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    acts = { { Type = "RecordAudio", Parameters = { CallId = id,
      DurationInSeconds = 30, RecordingTerminators = { "#" },
      RecordingDestination = { Type = "S3", BucketName = "vm", Prefix = "crash" } } } }
  elseif event.InvocationEventType ~= "HANGUP" then
    acts = { { Type = "Hangup", Parameters = { CallId = id, SipResponseCode = "0" } } }
  end
  return { SchemaVersion = "1.0", Actions = acts }
end
