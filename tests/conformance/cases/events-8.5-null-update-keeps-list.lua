-- events §8.5 (compat): absent or null Actions for CALL_UPDATE_REQUESTED
-- change nothing: the PlayAudio is not interrupted and reports at its end.
handler = on {
  NEW_INBOUND_CALL = { beeps(10) },
  CALL_UPDATE_REQUESTED = R(nil),
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 1000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 4000 },
    { event = "HANGUP", at = 4000 },
  },
}
