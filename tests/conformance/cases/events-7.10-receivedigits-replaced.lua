-- compat (actions-1 Q11): a new ReceiveDigits replaces the armed one: its
-- regex is the one that matches from then on.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), recv("^1#$", 300, 3000), recv("^2#$", 300, 3000) },
  DIGITS_RECEIVED = { hangup() },
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "1#" },
    { at = 5000, digits = "2#" },
    { at = 30000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits",
      fields = { ["ActionData.Parameters.InputDigitsRegex"] = "^2#$" } },
    { event = "DIGITS_RECEIVED", digits = "2#" },
    { event = "HANGUP" },
  },
}
