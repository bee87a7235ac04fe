-- events §7.11, §11.1: UpdateSipMediaApplicationCall gives
-- CALL_UPDATE_REQUESTED, ActionData Type CallUpdateRequest with the
-- Arguments map in Parameters.Arguments; its list is run.
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = function(ev)
    if ev.ActionData.Type == "PlayAudio" then return {} end
    return { hangup() }
  end,
  CALL_UPDATE_REQUESTED = function(ev)
    local a = ev.ActionData.Parameters.Arguments
    check(a.JoinToken == "abc123" and a.b == "2", "Arguments not passed")
    return { pause(100) }
  end,
}
--- scenario ---
return {
  caller = { { on = "ACTION_SUCCESSFUL", after = 1000, update = { JoinToken = "abc123", b = "2" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "CALL_UPDATE_REQUESTED", at = 1400, fields = {
      ["ActionData.Type"] = "CallUpdateRequest",
      ["ActionData.Parameters.Arguments.JoinToken"] = "abc123" } },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 1500 },
    { event = "HANGUP", at = 1500 },
  },
}
