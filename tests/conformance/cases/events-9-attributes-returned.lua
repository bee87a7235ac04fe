-- events §9: TransactionAttributes sent with a response come back in
-- CallDetails.TransactionAttributes of every later event (HANGUP too), and
-- are absent before any was set.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    check(ev.CallDetails.TransactionAttributes == nil, "attributes before any was set")
    return R({ beeps(1) }, { key1 = "value1", key2 = "value2" })
  end,
  ACTION_SUCCESSFUL = { hangup() },
  HANGUP = function(ev)
    check(ev.CallDetails.TransactionAttributes.key2 == "value2", "attributes gone at HANGUP")
    return {}
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", fields = {
      ["CallDetails.TransactionAttributes.key1"] = "value1",
      ["CallDetails.TransactionAttributes.key2"] = "value2" } },
    { event = "HANGUP", fields = { ["CallDetails.TransactionAttributes.key1"] = "value1" } },
  },
}
