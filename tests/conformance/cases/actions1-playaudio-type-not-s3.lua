-- actions-1 Appendix A (InvalidAudioSource): AudioSource.Type other than S3.
handler = on {
  NEW_INBOUND_CALL = { pause(100), play("beep.wav", { AudioSource = { Type = "HTTP" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[1].Parameters.AudioSource.Type"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource", at = 100 },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
