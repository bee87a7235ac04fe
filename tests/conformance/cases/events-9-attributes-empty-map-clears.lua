-- events §9: an empty map {} clears every stored attribute.
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, { key1 = "value1" }),
  ACTION_SUCCESSFUL = R({ hangup() }, {}),
  HANGUP = function(ev)
    check(ev.CallDetails.TransactionAttributes == nil, "attributes not cleared by {}")
    return {}
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", fields = { ["CallDetails.TransactionAttributes.key1"] = "value1" } },
    { event = "HANGUP" },
  },
}
