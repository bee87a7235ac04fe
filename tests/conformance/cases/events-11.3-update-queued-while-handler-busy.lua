-- compat (events §11): an update that arrives while an invocation is in
-- flight is queued: CALL_UPDATE_REQUESTED follows it, and its list then
-- interrupts the PlayAudio that NEW_INBOUND_CALL's list started.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = { pause(100) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "NEW_INBOUND_CALL", after = 0, update = { early = "1" } } },
  expect = {
    { event = "NEW_INBOUND_CALL", at = 0 },
    { event = "CALL_UPDATE_REQUESTED", at = 0 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 0 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 100 },
    { event = "HANGUP", at = 100 },
  },
}
