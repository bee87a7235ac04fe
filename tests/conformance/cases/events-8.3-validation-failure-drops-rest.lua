-- events §8.3: an action refused by its parameter check fails like any
-- other: ACTION_FAILED, rest of the list dropped, nothing answered.
handler = on {
  NEW_INBOUND_CALL = { pause(100), pause(50), beeps(1), hangup(486) },
  ACTION_FAILED = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Pause", error = "InvalidActionParameter", at = 100 },
    { event = "HANGUP", at = 100 },
  },
  expect_end = { sip_status = 480 },
}
