-- events §8.4: the actions queued after the current one are replaced by the
-- new list and never run (the 486 Hangup here).
handler = on {
  NEW_INBOUND_CALL = { beeps(25), hangup(486) },
  CALL_UPDATE_REQUESTED = { pause(100) },
  ACTION_SUCCESSFUL = { beeps(1), hangup(0) },
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 500, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 500 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 600 },
    { event = "HANGUP", at = 1000, fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
}
