-- events §11.1: Arguments may hold 0 pairs; ActionData.Parameters.Arguments
-- is then an empty map.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = function(ev)
    local a = ev.ActionData.Parameters.Arguments
    check(type(a) == "table" and next(a) == nil, "Arguments not an empty map")
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 500, update = {} } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 500 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio" },
    { event = "HANGUP", at = 500 },
  },
}
