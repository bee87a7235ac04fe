-- actions-2 §4.4 row 2: parameters SynthesizeSpeech would refuse (an
-- unknown VoiceId) are InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = { VoiceId = "NoSuchVoice" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "NoSuchVoice"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SpeakAndGetDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
