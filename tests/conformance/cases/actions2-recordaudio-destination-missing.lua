-- actions-2 §1.2: RecordingDestination is required.
handler = on {
  NEW_INBOUND_CALL = { record({ RecordingDestination = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "RecordingDestination parameter value is invalid.", "Actions[0].Parameters.RecordingDestination"),
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
