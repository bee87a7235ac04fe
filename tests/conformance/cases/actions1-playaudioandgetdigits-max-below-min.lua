-- actions-1 Appendix A (compat actions-2 Q12): MaxNumberOfDigits below
-- MinNumberOfDigits is invalid (equal is allowed).
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 5, MaxNumberOfDigits = 4 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The MaxNumberOfDigits parameter is invalid.", "MaxNumberOfDigits"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
