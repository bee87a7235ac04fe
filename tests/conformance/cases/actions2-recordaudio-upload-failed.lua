-- actions-2 §1.4 row 6 (compat Q8): a recording that cannot be written is
-- InvalidActionParameter, "Error occurred while uploading recording to S3
-- bucket." (the bucket here is a file, not a directory).
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 1, RecordingDestination = { BucketName = "ro" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "Error occurred while uploading recording to S3 bucket.", nil),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "RecordAudio", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
}
