-- actions-1 Appendix A: InBetweenDigitsDurationInMilliseconds must be > 0.
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 0, 5000) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The InBetweenDigitsDurationInMilliseconds parameter is invalid.", "Actions[0].Parameters.InBetweenDigitsDurationInMilliseconds"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "ReceiveDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
