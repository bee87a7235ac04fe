-- actions-2 §4.2, §4.4 row 3: no SpeechParameters at all is
-- MissingRequiredActionParameter.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = NONE }) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is a required parameter.", "Actions[0].Parameters.SpeechParameters"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SpeakAndGetDigits", error = "MissingRequiredActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
