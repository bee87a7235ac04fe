-- actions-1 §12 (compat Q9): when every attempt fails the action fails
-- with DigitCollectionFailed. Two attempts, at least one digit wanted, none
-- pressed: prompt 400 ms + wait
-- 2000 ms, failure prompt 400 ms, prompt 400 ms + wait 2000 ms.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 1, Repeat = 2,
    RepeatDurationInMilliseconds = 2000 }) },
  ACTION_FAILED = fails_with("DigitCollectionFailed", nil, nil, { hangup() }),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "DigitCollectionFailed",
      at = 5200 },
    { event = "HANGUP", at = 5200 },
  },
}
