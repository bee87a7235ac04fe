-- events §8.4 (compat): ACTION_INTERRUPTED is delivered before any event
-- of the new list, even one that completes at once (ReceiveDigits).
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = { recv() },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 800, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 800 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 800 },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits", at = 800 },
    { event = "HANGUP", at = 800 },
  },
}
