-- compat (PlayAudio): WAV files of other rates, channel counts and
-- encodings play for their real length: 16 kHz stereo 500 ms, mu-law
-- 300 ms, 44.1 kHz float 200 ms.
handler = on {
  NEW_INBOUND_CALL = { play("tone16k-stereo.wav", { AudioSource = { BucketName = "media" } }),
                       play("tone-ulaw.wav", { AudioSource = { BucketName = "media" } }),
                       play("tone-float.wav", { AudioSource = { BucketName = "media" } }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 1000 },
    { event = "HANGUP", at = 1000 },
  },
}
