-- actions-1 §0.3, §11 (InvalidAudioSource): an empty file fails validation.
handler = on {
  NEW_INBOUND_CALL = { play("empty.wav", { AudioSource = { BucketName = "bad" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "empty.wav"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
