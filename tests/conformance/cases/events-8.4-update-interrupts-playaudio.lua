-- events §8.4, §11.3: a list returned for CALL_UPDATE_REQUESTED stops a
-- running PlayAudio at once; ACTION_INTERRUPTED is sent for it, and the new
-- first action starts immediately.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = { pause(300) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 1000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 1000 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 1300 },
    { event = "HANGUP", at = 1300 },
  },
}
