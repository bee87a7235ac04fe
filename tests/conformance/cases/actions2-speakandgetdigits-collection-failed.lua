-- actions-2 §4.4 (compat Q11): when every attempt fails, ACTION_FAILED with
-- DigitCollectionFailed (at least one digit wanted, none pressed).
handler = on {
  NEW_INBOUND_CALL = { sagd({ MinNumberOfDigits = 1, Repeat = 2,
    RepeatDurationInMilliseconds = 1000 }) },
  ACTION_FAILED = fails_with("DigitCollectionFailed", nil, nil, { hangup() }),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SpeakAndGetDigits", error = "DigitCollectionFailed" },
    { event = "HANGUP" },
  },
}
