-- events §7.1, actions-2 §0.2: RecordAudio in reply to NEW_INBOUND_CALL
-- answers the call.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 1 }) },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "RecordAudio" } },
    { event = "ACTION_SUCCESSFUL", type = "RecordAudio" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
