-- events §8.5: an empty list means nothing more to run: the current
-- PlayAudio finishes (silently, its list was replaced) and the queued 486
-- Hangup never runs.
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 300, 3000), beeps(10), hangup(486) },
  DIGITS_RECEIVED = {},
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "7#" },
    { at = 8000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "DIGITS_RECEIVED", digits = "7#" },
    { event = "HANGUP", at = 8000, fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
}
