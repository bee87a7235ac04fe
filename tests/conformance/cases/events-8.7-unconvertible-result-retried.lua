-- compat (sip-cdr Q1, Q2): a result that cannot be converted to JSON (a
-- function inside) is a handler failure: retried once, then 480.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    return { SchemaVersion = "1.0", Actions = { hangup(486) }, Oops = print }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "handler-error" },
}
