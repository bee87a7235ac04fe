-- actions-1 §2: CallId is required.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ CallId = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The CallId parameter of the action is invalid.", "Actions[1].Parameters.CallId"),
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
