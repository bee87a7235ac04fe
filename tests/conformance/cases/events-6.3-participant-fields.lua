-- events §6.3, §7.1 (compat Q7, Q11): LEG-A of an inbound call has
-- ParticipantTag LEG-A, the INVITE's To and From, Direction Inbound,
-- StartTimeInMilliseconds as a string of epoch milliseconds, and Status
-- Connected from NEW_INBOUND_CALL on, although not yet answered.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    local ps = ev.CallDetails.Participants
    local p = ps[1]
    check(#ps == 1, "%d participants, want 1", #ps)
    check(type(p.StartTimeInMilliseconds) == "string", "StartTimeInMilliseconds is a %s",
          type(p.StartTimeInMilliseconds))
    check(#p.StartTimeInMilliseconds >= 13, "StartTimeInMilliseconds %s is not epoch ms",
          p.StartTimeInMilliseconds)
    -- within a day of the handler's own clock
    local ms = tonumber(p.StartTimeInMilliseconds)
    check(math.abs(ms / 1000 - os.time()) < 86400, "StartTimeInMilliseconds %s is not now",
          p.StartTimeInMilliseconds)
    return R({ beeps(1) }, { start = p.StartTimeInMilliseconds })
  end,
  ACTION_SUCCESSFUL = function(ev)
    local p = ev.CallDetails.Participants[1]
    check(p.StartTimeInMilliseconds == ev.CallDetails.TransactionAttributes.start,
          "StartTimeInMilliseconds changed")
    return { hangup() }
  end,
}
--- scenario ---
return {
  from = "+15105550101", to = "+15550100",
  expect = {
    { event = "NEW_INBOUND_CALL", fields = {
      ["CallDetails.Participants.1.ParticipantTag"] = "LEG-A",
      ["CallDetails.Participants.1.From"] = "+15105550101",
      ["CallDetails.Participants.1.To"] = "+15550100",
      ["CallDetails.Participants.1.Direction"] = "Inbound",
      ["CallDetails.Participants.1.Status"] = "Connected" } },
    { event = "ACTION_SUCCESSFUL", fields = {
      ["CallDetails.Participants.1.Status"] = "Connected" } },
    { event = "HANGUP" },
  },
}
