-- compat (actions-1 Q9): without a terminator, input ends after
-- InBetweenDigitsDurationInMilliseconds of silence (digits at 500 and 600,
-- 1000 ms gap: input ends at 1600).
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 1, InBetweenDigitsDurationInMilliseconds = 1000,
                              RepeatDurationInMilliseconds = 5000 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "12" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "12", at = 1600 },
    { event = "HANGUP", at = 1600 },
  },
}
