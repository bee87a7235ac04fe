-- rec_errors.lua: RecordAudio, then StartCallRecording, into the bucket
-- "blocked", which the test makes a regular file; each failure leads to
-- the next step, and the call ends with a Speak and a Hangup.
local function act(t, p) return { Type = t, Parameters = p } end

function handler(event)
  local id = event.CallDetails.Participants[1].CallId
  local d = event.ActionData or {}
  local acts = {}
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    acts = { act("RecordAudio", { CallId = id, DurationInSeconds = 2,
      RecordingTerminators = { "#" },
      RecordingDestination = { Type = "S3", BucketName = "blocked" } }) }
  elseif event.InvocationEventType == "ACTION_FAILED" and d.Type == "RecordAudio" then
    acts = { act("StartCallRecording", { CallId = id, Track = "BOTH",
      Destination = { Type = "S3", Location = "blocked/calls" } }) }
  elseif event.InvocationEventType == "ACTION_FAILED" or
         (event.InvocationEventType == "ACTION_SUCCESSFUL" and d.Type ~= "Hangup") then
    acts = { act("Speak", { CallId = id, Text = "Recording is not possible." }),
             act("Hangup", { CallId = id, SipResponseCode = "0" }) }
  end
  return { SchemaVersion = "1.0", Actions = acts }
end
