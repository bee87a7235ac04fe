-- actions-1 §3-§5: CallId is required.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), pauserec({ CallId = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[1].Parameters.CallId"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PauseCallRecording", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
