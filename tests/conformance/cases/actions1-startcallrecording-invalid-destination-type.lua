-- actions-1 Appendix A: Destination.Type other than S3.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ Destination = { Type = "GCS" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The Destination parameter is invalid.", "Actions[1].Parameters.Destination.Type"),
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
