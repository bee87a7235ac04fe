-- events §7.6: the list returned for ACTION_FAILED is run.
handler = on {
  NEW_INBOUND_CALL = { play("missing.wav") },
  ACTION_FAILED = { beeps(1) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio" },
    { event = "HANGUP" },
  },
}
