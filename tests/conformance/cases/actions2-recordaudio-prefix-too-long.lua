-- actions-2 §1.4 row 5 (compat Q5): a Prefix over 979 bytes.
handler = on {
  NEW_INBOUND_CALL = { record({ RecordingDestination = { Prefix = string.rep("p", 980) } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "RecordingDestination parameter value is invalid.", "Actions[0].Parameters.RecordingDestination.Prefix"),
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
