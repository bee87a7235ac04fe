-- actions-1 Appendix A: FlushDigitsDurationInMilliseconds <= InBetween is
-- invalid.
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 5000, 5000) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The FlushDigitsDurationInMilliseconds parameter is invalid.", "Actions[0].Parameters.FlushDigitsDurationInMilliseconds"),
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
