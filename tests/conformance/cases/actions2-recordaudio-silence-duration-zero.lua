-- actions-2 §1.4 row 3: SilenceDurationInSeconds must be > 0.
handler = on {
  NEW_INBOUND_CALL = { record({ SilenceDurationInSeconds = 0 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "SilenceDurationInSeconds parameter value is invalid.", "Actions[0].Parameters.SilenceDurationInSeconds"),
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
