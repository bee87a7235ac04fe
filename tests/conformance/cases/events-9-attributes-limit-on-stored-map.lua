-- compat (events Q3): the 100-pair limit holds for the stored map after
-- the update: 60 pairs, then 60 new ones, is refused, and the first 60
-- stay as they were.
local a, b = {}, {}
for i = 1, 60 do a["a" .. i] = "v"; b["b" .. i] = "v" end
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, a),
  ACTION_SUCCESSFUL = R({ hangup(486) }, b),
  INVALID_LAMBDA_RESPONSE = function(ev)
    local n = 0
    for _ in pairs(ev.CallDetails.TransactionAttributes) do n = n + 1 end
    check(n == 60, "%d attributes stored, want the first 60", n)
    return { hangup(480) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TransactionAttributesInvalidMapSize" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 480 } },
  },
  expect_end = { sip_status = 480 },
}
