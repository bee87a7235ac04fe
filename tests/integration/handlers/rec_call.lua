-- rec_call.lua: StartCallRecording into bucket "calls", prefix "rec", the
-- Track chosen by the number called: +15550210 BOTH (then a prompt and a
-- 1 s PauseCallRecording), +15550211 INCOMING, +15550212 OUTGOING (a
-- prompt only). The prompt is testprompts/clip.wav, made by the test.
local tracks = { ["+15550210"] = "BOTH", ["+15550211"] = "INCOMING",
                 ["+15550212"] = "OUTGOING" }

local function act(t, p) return { Type = t, Parameters = p } end

function handler(event)
  local p = event.CallDetails.Participants[1]
  local id = p.CallId
  local d = event.ActionData or {}
  local acts = {}
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    acts = {
      act("Pause", { CallId = id, DurationInMilliseconds = 200 }),
      act("StartCallRecording", { CallId = id, Track = tracks[p.To],
        Destination = { Type = "S3", Location = "calls/rec" } }),
    }
  elseif event.InvocationEventType == "ACTION_SUCCESSFUL" and
         d.Type == "StartCallRecording" then
    acts = { act("PlayAudio", { CallId = id, AudioSource = { Type = "S3",
               BucketName = "testprompts", Key = "clip.wav" } }) }
    if tracks[p.To] == "BOTH" then
      table.insert(acts, act("PauseCallRecording", { CallId = id }))
      table.insert(acts, act("Pause", { CallId = id, DurationInMilliseconds = 1000 }))
      table.insert(acts, act("ResumeCallRecording", { CallId = id }))
    end
    table.insert(acts, act("Pause", { CallId = id, DurationInMilliseconds = 1000 }))
    table.insert(acts, act("Hangup", { CallId = id, SipResponseCode = "0" }))
  elseif event.InvocationEventType == "ACTION_FAILED" then
    acts = { act("Hangup", { CallId = id, SipResponseCode = "0" }) }
  end
  return { SchemaVersion = "1.0", Actions = acts }
end
