-- compat (actions-2 Q12): MaxNumberOfDigits may equal MinNumberOfDigits (a
-- 4-digit PIN); input ends at the 4th digit, no terminator needed.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 4, MaxNumberOfDigits = 4,
    InputDigitsRegex = "^\\d{4}$" }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "1234" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "1234" },
    { event = "HANGUP" },
  },
}
