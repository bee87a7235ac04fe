-- compat (digits): a digit pressed during the failure prompt stops it and
-- starts the next attempt's input (the main prompt is not replayed first).
-- "2" at 500 fails attempt 1 (the regex wants 1); the 2.7 s failure
-- prompt starts; "1" at 1000 cuts it and is attempt 2's answer.
handler = on {
  NEW_INBOUND_CALL = { pagd({ FailureAudioSource = src("thanks.wav"), MinNumberOfDigits = 1,
    MaxNumberOfDigits = 1, InputDigitsRegex = "^1$", Repeat = 2 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "2" }, { at = 1000, digits = "1" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "1", at = 1000 },
    { event = "HANGUP", at = 1000 },
  },
}
