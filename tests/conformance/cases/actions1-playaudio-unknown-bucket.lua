-- actions-1 Appendix A (InvalidAudioSource, "cannot access the bucket"):
-- a bucket that does not exist.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { AudioSource = { BucketName = "nosuchbucket" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", nil),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
