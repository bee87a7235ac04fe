-- actions-1 §12 (compat Q9): input that does not match InputDigitsRegex
-- fails the attempt; after the last attempt ACTION_FAILED carries the last
-- attempt's input in ReceivedDigits.
handler = on {
  NEW_INBOUND_CALL = { pagd({ Repeat = 1, InputDigitsRegex = "^1\\d$" }) },
  ACTION_FAILED = fails_with("DigitCollectionFailed", nil, nil, { hangup() }),
}
--- scenario ---
return {
  caller = { { at = 500, digits = "29#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "DigitCollectionFailed",
      digits = "29" },
    { event = "HANGUP" },
  },
}
