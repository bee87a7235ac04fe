-- actions-2 §4.4 row 4: Text over 1,000 characters.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = { Text = string.rep("a", 1001) } }) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is limited to 1,000 characters", "Actions[0].Parameters.SpeechParameters.Text"),
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
