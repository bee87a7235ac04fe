-- actions-2 §1.4 row 2: DurationInSeconds <= 0.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 0 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "DurationInSeconds parameter value is invalid.", "Actions[0].Parameters.DurationInSeconds"),
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
