-- hello.scenario.lua: a simulated call to hello.lua, checked offline.
--   callflow simulate examples/hello.lua --scenario examples/hello.scenario.lua
-- The caller dials the Hello line and listens until callflow hangs up:
-- the greeting (Speak), the thanks prompt (PlayAudio), then Hangup. The
-- prompts take their real length on the virtual clock, so the run takes
-- a few milliseconds. See docs/simulate.md for the format.
return {
  from = "+15105550101",
  to = "+15550100",

  -- No steps: this caller only listens. A caller who hung up early would
  -- be { { at = 1500, hangup = true } }, and the handler would then see
  -- HANGUP instead of the PlayAudio.
  caller = {},

  expect = {
    { event = "NEW_INBOUND_CALL",
      actions = { "Speak", "PlayAudio", "Hangup" },
      fields = {
        ["CallDetails.Participants.1.Direction"] = "Inbound",
        ["CallDetails.Participants.1.From"] = "+15105550101",
        ["CallDetails.Participants.1.To"] = "+15550100",
        ["CallDetails.AwsRegion"] = "us-east-1",
      } },
    -- Hangup ends the leg before the list is over: the handler hears
    -- HANGUP (with the code it chose), not ACTION_SUCCESSFUL.
    { event = "HANGUP", actions = {},
      fields = {
        ["ActionData.Parameters.SipResponseCode"] = 0,
        ["ActionData.Parameters.ParticipantTag"] = "LEG-A",
        ["CallDetails.Participants.1.Status"] = "Disconnected",
      } },
  },

  -- The caller was answered (200 OK) and callflow sent the BYE.
  expect_end = { sip_status = 200, hangup_by = "server" },
}
