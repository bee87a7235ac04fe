-- compat (recording, decision 2): a Location that leaves the storage
-- root is an invalid Destination.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ Destination = { Location = "rec/../../etc" } }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The Destination parameter is invalid.", "Destination.Location"),
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
