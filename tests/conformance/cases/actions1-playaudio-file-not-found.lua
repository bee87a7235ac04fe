-- actions-1 §11 (InvalidAudioSource): a key that names no file in the
-- bucket fails with InvalidAudioSource and the exact message.
handler = on {
  NEW_INBOUND_CALL = { play("missing.wav") },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "missing.wav"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
