-- actions-1 §11 (InvalidActionParameter): a CallId that is not a
-- participant of the call.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { CallId = "no-such-call-id" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.CallId"),
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
