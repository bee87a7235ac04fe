-- actions-1 §12 (compat): InBetweenDigitsDurationInMilliseconds defaults to
-- RepeatDurationInMilliseconds (2000 here: digits at 500 and 600, input
-- ends at 2600), and the default is echoed.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 1, RepeatDurationInMilliseconds = 2000 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "12" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "12", at = 2600,
      fields = { ["ActionData.Parameters.InBetweenDigitsDurationInMilliseconds"] = 2000 } },
    { event = "HANGUP", at = 2600 },
  },
}
