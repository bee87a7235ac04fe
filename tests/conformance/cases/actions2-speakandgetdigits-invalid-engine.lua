-- actions-2 §4.4 row 2: Engine not standard or neural.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = { Engine = "turbo" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.SpeechParameters.Engine"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SpeakAndGetDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
