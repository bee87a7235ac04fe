-- actions-1 §12: PlayAudioAndGetDigits answers the call.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MaxNumberOfDigits = 1 }) },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  caller = { { at = 100, digits = "5" } },
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "PlayAudioAndGetDigits" } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "5" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
