-- pause_hangup.lua: answers with a short beep, holds the line for
-- 2 s, then hangs up (callflow sends BYE).

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  if event.InvocationEventType ~= "NEW_INBOUND_CALL" then
    return response({})
  end
  local call_id = event.CallDetails.Participants[1].CallId
  return response({
    { Type = "PlayAudio", Parameters = { CallId = call_id,
        AudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" } } },
    { Type = "Pause", Parameters = { CallId = call_id,
        DurationInMilliseconds = 2000 } },
    { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } },
  })
end
