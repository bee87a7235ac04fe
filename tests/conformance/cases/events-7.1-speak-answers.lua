-- actions-2 §3.1 (compat: Speak answers an unanswered call).
handler = on {
  NEW_INBOUND_CALL = { speak("Hello.") },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Speak" } },
    { event = "ACTION_SUCCESSFUL", type = "Speak" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
