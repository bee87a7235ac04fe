-- actions-2 §4.2 (compat Q13): FailureSpeechParameters.Text is required.
handler = on {
  NEW_INBOUND_CALL = { sagd({ FailureSpeechParameters = NONE }) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is a required parameter.", "Actions[0].Parameters.FailureSpeechParameters"),
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
