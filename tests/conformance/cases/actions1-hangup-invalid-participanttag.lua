-- actions-1 §7, §0.2: a ParticipantTag with no leg is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { hangup(486, { CallId = NONE, ParticipantTag = "LEG-B" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.ParticipantTag"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Hangup", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
