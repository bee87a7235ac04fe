-- actions-1 Appendix A (InvalidAudioSource): BucketName null or empty.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { AudioSource = { BucketName = "" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[0].Parameters.AudioSource.BucketName"),
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
