-- events §6.2, §6.3, §7.8: a leg that hung up stays listed, with Status
-- Disconnected.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  HANGUP = function(ev)
    local ps = ev.CallDetails.Participants
    check(#ps == 1, "%d participants at HANGUP, want 1", #ps)
    check(ps[1].Status == "Disconnected", "Status %s at HANGUP", tostring(ps[1].Status))
    return {}
  end,
}
--- scenario ---
return {
  caller = { { at = 1000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", at = 1000, fields = {
      ["CallDetails.Participants.1.Status"] = "Disconnected" } },
  },
}
