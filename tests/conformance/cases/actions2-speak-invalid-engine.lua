-- actions-2 §3.4 row 2: a parameter SynthesizeSpeech would refuse (Engine
-- not standard or neural) is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { speak("Hello.", { Engine = "turbo" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.Engine"),
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
