-- actions-1 Appendix A: a null (missing) InputDigitsRegex is invalid.
handler = on {
  NEW_INBOUND_CALL = { recv(nil, 500, 5000, { InputDigitsRegex = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The InputDigitsRegex parameter is invalid.", "Actions[0].Parameters.InputDigitsRegex"),
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
