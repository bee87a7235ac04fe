-- actions-1 Appendix A (compat Q6): 30001 ms is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { pause(30001) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.DurationInMilliseconds"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Pause", error = "InvalidActionParameter", at = 0 },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
