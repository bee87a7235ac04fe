-- actions-2 §3.4 row 5: Text over 1,000 characters is
-- MissingRequiredActionParameter, "Text is limited to 1,000 characters".
handler = on {
  NEW_INBOUND_CALL = { speak(string.rep("a", 1001)) },
  ACTION_FAILED = fails_with("MissingRequiredActionParameter", "Text is limited to 1,000 characters", "Actions[0].Parameters.Text"),
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
