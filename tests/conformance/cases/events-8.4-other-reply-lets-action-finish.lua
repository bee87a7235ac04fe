-- events §8.4 (compat Q2): a list returned for another event than
-- CALL_UPDATE_REQUESTED (here DIGITS_RECEIVED, while a 4 s PlayAudio plays)
-- does not interrupt: the PlayAudio finishes, reports nothing (its list was
-- replaced), then the new list runs.
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 300, 3000), beeps(10), hangup(486) },
  DIGITS_RECEIVED = { pause(100) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Type == "Pause", "%s reported", ev.ActionData.Type)
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "7#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "DIGITS_RECEIVED", digits = "7#" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 4100 },
    { event = "HANGUP", at = 4100 },
  },
}
