-- actions-2 §1.4 row 5 (exact message): BucketName null or empty.
handler = on {
  NEW_INBOUND_CALL = { record({ RecordingDestination = { BucketName = "" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "RecordingDestination parameter value is invalid.", "Actions[0].Parameters.RecordingDestination.BucketName"),
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
