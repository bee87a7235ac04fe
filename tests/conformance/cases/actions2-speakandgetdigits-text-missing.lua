-- actions-2 §4.4 row 3: SpeechParameters.Text missing is
-- MissingRequiredActionParameter.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = { Text = NONE, VoiceId = "Joanna" } }) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is a required parameter.", "Actions[0].Parameters.SpeechParameters.Text"),
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
