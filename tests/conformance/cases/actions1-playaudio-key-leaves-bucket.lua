-- compat (PlayAudio): a key with a ".." component is InvalidAudioSource.
handler = on {
  NEW_INBOUND_CALL = { play("../prompts/beep.wav") },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", "Actions[0].Parameters.AudioSource"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
