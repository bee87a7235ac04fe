-- hello.lua: answers +15550100, speaks a greeting, plays a short prompt,
-- and hangs up. The same logic as a PSTN Audio Lambda handler, in Lua.

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId

  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    return response({
      { Type = "Speak", Parameters = {
          CallId = call_id,
          Text = "Hello, and welcome to callflow. This call is answered by a Lua handler.",
          VoiceId = "Joanna", Engine = "neural", LanguageCode = "en-US" } },
      { Type = "PlayAudio", Parameters = {
          CallId = call_id,
          AudioSource = { Type = "S3", BucketName = "prompts", Key = "thanks.wav" } } },
      { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } },
    })
  end

  if event.InvocationEventType == "ACTION_FAILED" then
    print("action failed: " .. event.ActionData.Type .. ": " .. event.ActionData.ErrorMessage)
    return response({ { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } } })
  end

  -- HANGUP, ACTION_SUCCESSFUL: nothing more to do.
  return response({})
end
