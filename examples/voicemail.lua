-- voicemail.lua: answers +15550102 and takes a message: a greeting, a beep,
-- then RecordAudio until the caller presses #, stays silent for 3 s, or
-- talks for a minute; the message is played back before goodbye.
-- Messages land in the "voicemail" bucket (storage/voicemail/messages/).

local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

local function hangup(call_id)
  return { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } }
end

local function speak(call_id, text)
  return { Type = "Speak", Parameters = {
      CallId = call_id, Text = text,
      VoiceId = "Joanna", Engine = "neural", LanguageCode = "en-US" } }
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  local data = event.ActionData or {}

  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    return response({
      speak(call_id, "Please leave a message after the tone."),
      { Type = "PlayAudio", Parameters = {
          CallId = call_id,
          AudioSource = { Type = "S3", BucketName = "prompts", Key = "beep.wav" } } },
      -- Ends on whichever comes first; the caller's audio only (mono WAV).
      { Type = "RecordAudio", Parameters = {
          CallId = call_id,
          DurationInSeconds = 60,
          SilenceDurationInSeconds = 3,
          RecordingTerminators = { "#" },
          RecordingDestination = { Type = "S3", BucketName = "voicemail",
                                   Prefix = "messages" } } },
    })
  end

  -- The recording is closed: its place in storage is in ActionData.
  if event.InvocationEventType == "ACTION_SUCCESSFUL" and data.Type == "RecordAudio" then
    local dest = data.RecordingDestination
    return response({
      { Type = "PlayAudio", Parameters = {
          CallId = call_id,
          AudioSource = { Type = "S3", BucketName = dest.BucketName, Key = dest.Key } } },
      speak(call_id, "Goodbye."),
      hangup(call_id),
    })
  end

  if event.InvocationEventType == "ACTION_FAILED" then
    print("action failed: " .. data.Type .. ": " .. data.ErrorMessage)
    return response({ speak(call_id, "Sorry, something went wrong."), hangup(call_id) })
  end

  -- HANGUP (the caller hung up while recording: the message is kept),
  -- and the ACTION_SUCCESSFUL of the final Hangup: nothing more to do.
  return response({})
end
