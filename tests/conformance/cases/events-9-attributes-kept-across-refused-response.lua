-- compat (events Q4): a refused response stores none of its attributes and
-- leaves the stored ones as they were.
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, { key1 = "value1" }),
  ACTION_SUCCESSFUL = R({ { Type = "Dance" } }, { key1 = "changed", key9 = "x" }),
  INVALID_LAMBDA_RESPONSE = function(ev)
    local a = ev.CallDetails.TransactionAttributes
    check(a.key1 == "value1" and a.key9 == nil, "the refused response's attributes were stored")
    return { hangup(480) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction",
      fields = { ["CallDetails.TransactionAttributes.key1"] = "value1" } },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
