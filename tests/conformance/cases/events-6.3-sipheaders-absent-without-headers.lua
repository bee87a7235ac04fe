-- events §6.3: SipHeaders is present only when the INVITE carried an X-,
-- User-to-User or Diversion header.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    check(ev.CallDetails.Participants[1].SipHeaders == nil,
          "SipHeaders present although the INVITE had none")
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
