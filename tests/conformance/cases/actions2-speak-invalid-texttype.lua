-- actions-2 §3.4 row 2: TextType must be text or ssml.
handler = on {
  NEW_INBOUND_CALL = { speak("Hello.", { TextType = "html" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.TextType"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Speak", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
