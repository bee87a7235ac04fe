-- events §8.4 (compat): a non-interruptible action (PlayAudioAndGetDigits)
-- runs to completion, reporting nothing (its list was replaced), then the
-- new list runs. No ACTION_INTERRUPTED. The prompt is 400 ms and the wait
-- for digits 2000 ms: the collection ends (fails) at 2400.
handler = on {
  NEW_INBOUND_CALL = { pagd({ RepeatDurationInMilliseconds = 2000 }), hangup(486) },
  CALL_UPDATE_REQUESTED = { pause(100) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "PlayAudioAndGetDigits", after = 1000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 2500 },
    { event = "HANGUP", at = 2500 },
  },
}
