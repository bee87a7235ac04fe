-- compat (events §2.2): a script that cannot be loaded (a syntax error) on
-- the first event counts as "cannot be invoked": with no other target
-- application the call ends with 480; it is not retried.
handler = on {
  NEW_INBOUND_CALL = { hangup(486) },
}
this is not Lua
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "handler-error" },
}
