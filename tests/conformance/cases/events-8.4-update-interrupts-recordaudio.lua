-- events §8.4, actions-2 §0.2: RecordAudio is interruptible.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 30 }) },
  CALL_UPDATE_REQUESTED = { pause(200) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "RecordAudio", after = 2000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 2000 },
    { event = "ACTION_INTERRUPTED", type = "RecordAudio", at = 2000 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 2200 },
    { event = "HANGUP", at = 2200 },
  },
}
