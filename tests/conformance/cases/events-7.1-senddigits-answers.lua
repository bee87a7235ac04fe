-- compat (actions-2 Q1, Q9): SendDigits answers an unanswered call first.
handler = on {
  NEW_INBOUND_CALL = { send("1") },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "SendDigits" } },
    { event = "ACTION_SUCCESSFUL", type = "SendDigits" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
