-- voicemail.scenario.lua: a simulated call to voicemail.lua, checked
-- offline.
--   callflow simulate examples/voicemail.lua --scenario examples/voicemail.scenario.lua
-- The caller listens to the greeting and the beep, "speaks" for two
-- seconds (the simulated caller sends silence, but RecordAudio only stops
-- on silence after 3 s) and presses # to end the message. The handler
-- then plays the recording back, says goodbye and hangs up. The message is
-- a real WAV file under storage/voicemail/messages/. See docs/simulate.md
-- for the format.
return {
  from = "+15105550101",
  to = "+15550102",

  caller = {
    { on = "RecordAudio", after = 2000, digits = "#" },
  },

  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Speak", "PlayAudio", "RecordAudio" } },
    -- The recording ended on the terminator: RecordingTerminatorUsed says
    -- so, and RecordingDestination names the file.
    { event = "ACTION_SUCCESSFUL", type = "RecordAudio",
      actions = { "PlayAudio", "Speak", "Hangup" },
      fields = { ["ActionData.RecordingTerminatorUsed"] = "#",
                 ["ActionData.RecordingDestination.Type"] = "S3",
                 ["ActionData.RecordingDestination.BucketName"] = "voicemail",
                 ["ActionData.Parameters.SilenceDurationInSeconds"] = 3 } },
    { event = "HANGUP", actions = {},
      fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },

  expect_end = { sip_status = 200, hangup_by = "server", cause = "application-hangup" },
}
