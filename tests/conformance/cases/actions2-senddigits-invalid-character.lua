-- actions-2 §2.2, §2.4: Digits hold only 0-9 * # A-D and ",".
handler = on {
  NEW_INBOUND_CALL = { send("12x") },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.Digits"),
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
