-- compat (actions-1 Q5): a leg's call recording can be started once; a
-- second StartCallRecording is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec(), startrec() },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[2].Parameters.CallId"),
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
