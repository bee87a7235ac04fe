-- events §7.9 (compat Q4): INVALID_LAMBDA_RESPONSE carries ErrorType and
-- ErrorMessage both at the top level and in ActionData.
handler = on {
  NEW_INBOUND_CALL = raw({ SchemaVersion = "2.0", Actions = { hangup(486) } }),
  INVALID_LAMBDA_RESPONSE = function(ev)
    check(ev.ErrorType == "SchemaVersionMismatch", "top-level ErrorType %s", tostring(ev.ErrorType))
    check(ev.ActionData.ErrorType == "SchemaVersionMismatch", "ActionData.ErrorType %s",
          tostring(ev.ActionData.ErrorType))
    check(#ev.ErrorMessage > 0, "empty ErrorMessage")
    return { hangup(480) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "SchemaVersionMismatch", fields = {
      ErrorType = "SchemaVersionMismatch",
      ["ActionData.ErrorType"] = "SchemaVersionMismatch" } },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
