-- events §7.6, §8.3: when an action fails, ACTION_FAILED is sent for it and
-- the remaining actions of the list are dropped (the 5 s Pause and the 486
-- Hangup never run).
handler = on {
  NEW_INBOUND_CALL = { pause(100), play("missing.wav"), pause(5000), hangup(486) },
  ACTION_FAILED = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Pause", "PlayAudio", "Pause", "Hangup" } },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource", at = 100 },
    { event = "HANGUP", at = 100 },
  },
}
