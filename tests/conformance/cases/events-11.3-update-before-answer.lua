-- events §11.3, §8.4: an update during a Pause before answer interrupts
-- it; its Hangup then rejects the still unanswered call.
handler = on {
  NEW_INBOUND_CALL = { pause(10000), beeps(1) },
  CALL_UPDATE_REQUESTED = { hangup(486) },
}
--- scenario ---
return {
  caller = { { on = "Pause", after = 2000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 2000 },
    { event = "ACTION_INTERRUPTED", type = "Pause", at = 2000 },
    { event = "HANGUP", at = 2000 },
  },
  expect_end = { sip_status = 486 },
}
