-- events §9 (compat Q3): up to 100 pairs are accepted.
local attrs = {}
for i = 1, 100 do attrs["k" .. i] = "v" .. i end
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, attrs),
  ACTION_SUCCESSFUL = function(ev)
    local n = 0
    for _ in pairs(ev.CallDetails.TransactionAttributes) do n = n + 1 end
    check(n == 100, "%d attributes stored, want 100", n)
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", fields = { ["CallDetails.TransactionAttributes.k100"] = "v100" } },
    { event = "HANGUP" },
  },
}
