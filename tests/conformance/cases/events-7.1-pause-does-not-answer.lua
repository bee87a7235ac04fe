-- events §7.1: Pause is a valid first reply and does not answer: a Hangup
-- after it still rejects the INVITE with its code.
handler = on {
  NEW_INBOUND_CALL = { pause(300), hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Pause", "Hangup" } },
    { event = "HANGUP", at = 300, fields = { ["ActionData.Parameters.SipResponseCode"] = 486 } },
  },
  expect_end = { sip_status = 486 },
}
