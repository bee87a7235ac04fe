-- actions-1 §0.3 (compat PlayAudio): files over 50 MB are refused:
-- InvalidAudioSource.
handler = on {
  NEW_INBOUND_CALL = { play("big.wav", { AudioSource = { BucketName = "media" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.",
                             "big.wav"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
