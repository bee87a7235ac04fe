-- events §11.3: an update reaches an answered call with nothing running;
-- its list runs.
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = function(ev)
    if ev.Sequence == 2 then return {} end
    return { hangup() }
  end,
  CALL_UPDATE_REQUESTED = { beeps(2) },
}
--- scenario ---
return {
  caller = { { at = 5000, update = { wake = "up" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "CALL_UPDATE_REQUESTED", at = 5000 },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 5800 },
    { event = "HANGUP", at = 5800 },
  },
}
