-- events §7.8, actions-1 §7: a Hangup action on an answered single-leg call
-- ends it and sends HANGUP (not ACTION_SUCCESSFUL) with the code given.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), hangup(0) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", at = 400, fields = {
      ["ActionData.Type"] = "Hangup",
      ["ActionData.Parameters.SipResponseCode"] = 0,
      ["CallDetails.Participants.1.Status"] = "Disconnected" } },
  },
  expect_end = { sip_status = 200 },
}
