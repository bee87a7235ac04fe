-- actions-1 Appendix A: Track must be INCOMING, OUTGOING or BOTH.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ Track = "ALL" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "Invalid recording track; choose INCOMING, OUTGOING or BOTH", "Actions[1].Parameters.Track"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "StartCallRecording", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
