-- actions-1 §2 (InvalidActionParameter, "the CallId parameter is
-- invalid").
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ CallId = "no-such-call-id" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[1].Parameters.CallId"),
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
