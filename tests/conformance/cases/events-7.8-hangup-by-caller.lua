-- events §7.8 (compat): when the caller hangs up, HANGUP's ActionData is
-- Type Hangup with SipResponseCode 0, the leg's CallId and ParticipantTag;
-- the action it cut short reports nothing.
handler = on {
  NEW_INBOUND_CALL = { beeps(25), hangup(486) },
  HANGUP = function(ev)
    local p = ev.ActionData.Parameters
    check(p.CallId == ev.CallDetails.Participants[1].CallId, "CallId %s", tostring(p.CallId))
    return {}
  end,
}
--- scenario ---
return {
  caller = { { at = 2000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", at = 2000, fields = {
      ["ActionData.Type"] = "Hangup",
      ["ActionData.Parameters.SipResponseCode"] = 0,
      ["ActionData.Parameters.ParticipantTag"] = "LEG-A" } },
  },
  expect_end = { sip_status = 200, hangup_by = "caller", cause = "caller-bye" },
}
