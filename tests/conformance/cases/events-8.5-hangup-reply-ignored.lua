-- events §7.8, §8.5, actions-1 §7: on a single-leg call the reply to HANGUP
-- is ignored (nothing runs, no further invocation).
handler = on {
  NEW_INBOUND_CALL = { beeps(1), hangup() },
  HANGUP = { beeps(1), pause(100) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", at = 400 },
  },
}
