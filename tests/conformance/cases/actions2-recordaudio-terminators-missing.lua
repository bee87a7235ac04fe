-- actions-2 §1.2: RecordingTerminators is required.
handler = on {
  NEW_INBOUND_CALL = { record({ RecordingTerminators = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.RecordingTerminators"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "RecordAudio", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
