-- actions-1 §13: outside an armed ReceiveDigits, digits are discarded (no
-- event); PlayAudio without PlaybackTerminators ignores them too.
handler = on {
  NEW_INBOUND_CALL = { beeps(5) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "123#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 2000 },
    { event = "HANGUP", at = 2000 },
  },
}
