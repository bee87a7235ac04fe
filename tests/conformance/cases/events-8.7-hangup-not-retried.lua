-- compat (sip-cdr Q1, Q2): HANGUP is not retried when the handler fails.
handler = on {
  NEW_INBOUND_CALL = { hangup(486) },
  HANGUP = function(ev) error("fails on HANGUP") end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
