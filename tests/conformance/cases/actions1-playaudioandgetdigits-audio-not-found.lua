-- actions-1 §12 (InvalidAudioSource): the prompt's file does not exist.
handler = on {
  NEW_INBOUND_CALL = { pagd({ AudioSource = { Key = "missing.wav" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "missing.wav"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
}
