-- events §7.9, §9 (compat Q3): more than 100 pairs is refused whole with
-- TransactionAttributesInvalidMapSize: the actions do not run and nothing
-- is stored.
local attrs = {}
for i = 1, 101 do attrs["k" .. i] = "v" end
handler = on {
  NEW_INBOUND_CALL = R({ hangup(486) }, attrs),
  INVALID_LAMBDA_RESPONSE = function(ev)
    check(ev.CallDetails.TransactionAttributes == nil, "refused attributes were stored")
    return { hangup(480) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TransactionAttributesInvalidMapSize" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
