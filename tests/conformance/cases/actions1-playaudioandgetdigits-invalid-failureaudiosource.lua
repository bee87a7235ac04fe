-- actions-1 §12 (compat actions-2 Q13): FailureAudioSource is required.
handler = on {
  NEW_INBOUND_CALL = { pagd({ FailureAudioSource = NONE }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[0].Parameters.FailureAudioSource"),
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
