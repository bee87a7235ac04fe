-- actions-1 §2 failure example (compat actions-2 Q8): a destination that
-- cannot be written is NoAccessToDestination, "Error while accessing
-- destination".
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec({ Destination = { Location = "ro/calls" } }) },
  ACTION_FAILED = fails_with("NoAccessToDestination", "Error while accessing destination", nil),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "StartCallRecording", error = "NoAccessToDestination" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
