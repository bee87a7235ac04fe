-- events §8.3: actions run in order, one after the other: 100 + 400 + 200
-- ms, then one ACTION_SUCCESSFUL for the last.
handler = on {
  NEW_INBOUND_CALL = { pause(100), beeps(1), pause(200) },
  CALL_UPDATE_REQUESTED = R(nil),     -- a probe: changes nothing (§8.5)
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = {
    { on = "PlayAudio", after = 0, update = { at = "play" } },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    -- the probe update lands when PlayAudio starts: after the first Pause
    { event = "CALL_UPDATE_REQUESTED", at = 100 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 700 },
    { event = "HANGUP", at = 700 },
  },
}
