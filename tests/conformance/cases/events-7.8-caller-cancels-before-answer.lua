-- events §7.8 (compat): a caller who gives up before the call is answered
-- (CANCEL) gives HANGUP with SipResponseCode 0.
handler = on {
  NEW_INBOUND_CALL = { pause(5000), beeps(1) },
}
--- scenario ---
return {
  caller = { { at = 1000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", at = 1000, fields = {
      ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
  expect_end = { sip_status = 487, hangup_by = "caller", cause = "caller-cancel" },
}
