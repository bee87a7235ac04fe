-- compat (actions-1 Q15): before answer any final code from 300 to 699 is
-- sent as given (404 here).
handler = on {
  NEW_INBOUND_CALL = { hangup(404) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 404 } },
  },
  expect_end = { sip_status = 404, hangup_by = "server", cause = "application-hangup" },
}
