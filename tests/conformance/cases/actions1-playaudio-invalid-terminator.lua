-- actions-1 §11 (InvalidActionParameter): PlaybackTerminators elements are
-- 0-9, # and *.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { PlaybackTerminators = { "A" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.PlaybackTerminators"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
