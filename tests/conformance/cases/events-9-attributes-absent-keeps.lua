-- events §9: a response without TransactionAttributes (absent; null is the
-- same to a Lua handler) keeps the stored ones.
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, { key1 = "value1" }),
  ACTION_SUCCESSFUL = R({ hangup() }, nil),
  HANGUP = function(ev)
    check(ev.CallDetails.TransactionAttributes and
          ev.CallDetails.TransactionAttributes.key1 == "value1", "attributes lost")
    return {}
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL" },
    { event = "HANGUP", fields = { ["CallDetails.TransactionAttributes.key1"] = "value1" } },
  },
}
