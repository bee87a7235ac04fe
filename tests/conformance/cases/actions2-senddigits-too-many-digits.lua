-- actions-2 §2.1 (compat Q1): at most 50 digits (commas not counted).
handler = on {
  NEW_INBOUND_CALL = { send(string.rep("1", 51)) },
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
