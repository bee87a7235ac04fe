-- actions-2 §3.4 row 4: a missing Text is MissingRequiredActionParameter,
-- "Text is a required parameter.".
handler = on {
  NEW_INBOUND_CALL = { speak("x", { Text = NONE }) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is a required parameter.", "Actions[0].Parameters.Text"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Speak", error = "MissingRequiredActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
