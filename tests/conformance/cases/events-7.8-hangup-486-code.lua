-- events §7.8: HANGUP carries the code the leg ended with (486 busy).
handler = on {
  NEW_INBOUND_CALL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 486 } },
  },
  expect_end = { sip_status = 486 },
}
