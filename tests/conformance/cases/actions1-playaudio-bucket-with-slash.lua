-- compat (PlayAudio): a bucket with "/" is InvalidAudioSource.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { AudioSource = { BucketName = "prompts/.." } }) },
  ACTION_FAILED = fails_with("InvalidAudioSource", "Audio Source parameter value is invalid.", nil),
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
