-- compat (actions-2 Q9): SpeakAndGetDigits answers an unanswered call.
handler = on {
  NEW_INBOUND_CALL = { sagd({ MaxNumberOfDigits = 1 }) },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  caller = { { at = 100, digits = "5" } },
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "SpeakAndGetDigits" } },
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "5" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
