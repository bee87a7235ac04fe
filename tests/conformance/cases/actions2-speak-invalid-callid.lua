-- actions-2 §3.2: CallId must be a participant of the call.
handler = on {
  NEW_INBOUND_CALL = { speak("Hello.", { CallId = "no-such-call-id" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.CallId"),
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
