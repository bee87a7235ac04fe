-- events §8.4: Pause is interruptible.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), pause(20000) },
  CALL_UPDATE_REQUESTED = { beeps(1) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "Pause", after = 1000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1400 },
    { event = "ACTION_INTERRUPTED", type = "Pause", at = 1400,
      fields = { ["ActionData.Parameters.DurationInMilliseconds"] = 20000 } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 1800 },
    { event = "HANGUP", at = 1800 },
  },
}
