-- actions-1 Appendix A (compat Q6): Pause takes 100 to 30000 ms; 99 is
-- InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { pause(100), pause(99) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[1].Parameters.DurationInMilliseconds"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Pause", error = "InvalidActionParameter", at = 100 },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
