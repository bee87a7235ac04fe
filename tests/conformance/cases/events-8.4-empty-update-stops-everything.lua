-- compat (events §8.4, §8.5): an empty list for CALL_UPDATE_REQUESTED
-- stops an interruptible action and everything queued; nothing more runs.
handler = on {
  NEW_INBOUND_CALL = { beeps(25), hangup(486) },
  CALL_UPDATE_REQUESTED = {},
}
--- scenario ---
return {
  caller = {
    { on = "PlayAudio", after = 1000, update = { k = "v" } },
    { at = 20000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 1000 },
    { event = "HANGUP", at = 20000, fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
}
