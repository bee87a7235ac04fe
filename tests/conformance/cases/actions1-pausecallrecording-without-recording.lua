-- actions-1 §3-§5 (compat Q5): PauseCallRecording on a leg with no call recording
-- is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), pauserec() },
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
