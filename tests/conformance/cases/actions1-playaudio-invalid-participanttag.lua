-- actions-1 §11 (InvalidActionParameter): a ParticipantTag with no leg
-- (LEG-B on a single-leg call).
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { CallId = NONE, ParticipantTag = "LEG-B" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.ParticipantTag"),
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
