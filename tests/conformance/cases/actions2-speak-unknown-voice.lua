-- actions-2 §3.4 row 2: an unknown VoiceId is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { speak("Hello.", { VoiceId = "NoSuchVoice" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "NoSuchVoice"),
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
