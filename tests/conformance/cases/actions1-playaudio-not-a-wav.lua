-- actions-1 §0.3, §11 (InvalidAudioSource): a file that is not a WAV fails
-- validation: InvalidAudioSource.
handler = on {
  NEW_INBOUND_CALL = { play("notwav.wav", { AudioSource = { BucketName = "bad" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "notwav.wav"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
