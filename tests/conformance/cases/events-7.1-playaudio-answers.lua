-- events §7.1: PlayAudio in reply to NEW_INBOUND_CALL answers the call.
-- A Hangup after that ends an answered call (BYE), so the INVITE's final
-- status is 200, not the Hangup's 486.
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "PlayAudio" } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "HANGUP", at = 400 },
  },
  expect_end = { sip_status = 200 },
}
