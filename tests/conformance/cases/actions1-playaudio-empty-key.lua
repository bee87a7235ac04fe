-- actions-1 Appendix A (InvalidAudioSource): Key null or empty; the message
-- names the field path (issue 3: Actions[N].Parameters.AudioSource.Key).
handler = on {
  NEW_INBOUND_CALL = { pause(100), play("") },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[1].Parameters.AudioSource.Key"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
