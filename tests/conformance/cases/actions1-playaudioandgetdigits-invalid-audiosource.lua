-- actions-1 §12 (InvalidAudioSource): AudioSource.Key empty.
handler = on {
  NEW_INBOUND_CALL = { pagd({ AudioSource = { Key = "" } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[0].Parameters.AudioSource.Key"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
