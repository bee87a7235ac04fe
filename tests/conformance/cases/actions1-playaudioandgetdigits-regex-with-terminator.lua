-- compat (actions-1 Q9): InputDigitsRegex may match the digits with the
-- terminator (the guide's "^\d{2}#$"); ReceivedDigits still leaves it out.
handler = on {
  NEW_INBOUND_CALL = { pagd({ InputDigitsRegex = "^\\d{2}#$" }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "42#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "42" },
    { event = "HANGUP" },
  },
}
