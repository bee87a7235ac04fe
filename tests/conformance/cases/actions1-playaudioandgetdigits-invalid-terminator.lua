-- actions-1 §12: TerminatorDigits elements are 0-9, # and *.
handler = on {
  NEW_INBOUND_CALL = { pagd({ TerminatorDigits = { "X" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.TerminatorDigits"),
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
