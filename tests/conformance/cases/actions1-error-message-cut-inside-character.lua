-- actions-1 §11: ACTION_FAILED carries its ErrorMessage even when the
-- message, bounded in length, ends inside a multi-byte character of the
-- quoted CallId.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { CallId = string.rep("é", 200) }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.CallId"),
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
