-- compat (events Q10): the 30 s rule needs nothing to run: Pauses before
-- answering, 60 s in all, do not end the call.
handler = on {
  NEW_INBOUND_CALL = { pause(30000), pause(30000), beeps(1) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 60400 },
    { event = "HANGUP", at = 60400 },
  },
  expect_end = { sip_status = 200 },
}
