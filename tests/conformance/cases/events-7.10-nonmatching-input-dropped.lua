-- actions-1 §13 (compat events Q9): input still not matching when the
-- flush interval ends is dropped without an event; later matching input
-- is reported.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), recv("^\\d{2}#$", 500, 3000) },
  DIGITS_RECEIVED = { hangup() },
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "1" },
    { at = 6000, digits = "42#" },
    { at = 30000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits" },
    { event = "DIGITS_RECEIVED", digits = "42#" },
    { event = "HANGUP" },
  },
}
