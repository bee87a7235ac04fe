-- actions-1 §11 (InvalidActionParameter): Repeat must be an integer > 0.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { Repeat = 0 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.Repeat"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
