-- actions-1 §3-§5: CallId must be a participant of the call.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), stoprec({ CallId = "no-such-call-id" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[1].Parameters.CallId"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "StopCallRecording", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
