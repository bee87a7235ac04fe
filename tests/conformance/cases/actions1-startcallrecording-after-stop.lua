-- actions-1 §3 (compat Q5): after StopCallRecording the leg's recording
-- cannot be started again.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec(), stoprec(), startrec() },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[3].Parameters.CallId",
                             { hangup() }),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "StartCallRecording", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
}
