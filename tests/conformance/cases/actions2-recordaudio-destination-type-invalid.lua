-- actions-2 §1.4 row 5 (exact message): RecordingDestination.Type not S3.
handler = on {
  NEW_INBOUND_CALL = { record({ RecordingDestination = { Type = "GCS" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "RecordingDestination parameter value is invalid.", "Actions[0].Parameters.RecordingDestination.Type"),
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
