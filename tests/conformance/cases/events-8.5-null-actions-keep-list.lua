-- events §8.5: a response without Actions (null; in Lua, absent) keeps the
-- running list: the PlayAudio and the rest of its list go on, and the list
-- reports as usual.
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 300, 3000), beeps(10), pause(100) },
  DIGITS_RECEIVED = R(nil),
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "7#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "DIGITS_RECEIVED", digits = "7#" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 4100 },
    { event = "HANGUP", at = 4100 },
  },
}
