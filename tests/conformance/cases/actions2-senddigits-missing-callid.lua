-- actions-2 §2.2: CallId is required.
handler = on {
  NEW_INBOUND_CALL = { send("1", { CallId = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.CallId"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SendDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
