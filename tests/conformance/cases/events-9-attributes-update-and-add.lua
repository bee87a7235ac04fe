-- events §9 (compat Q3): a map updates the keys it names and adds new ones;
-- keys it does not name are kept (upsert, not replacement).
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, { key1 = "value1", key2 = "value2" }),
  ACTION_SUCCESSFUL = R({ hangup() }, { key2 = "new2", NewKey1 = "n1" }),
  HANGUP = function(ev)
    local a = ev.CallDetails.TransactionAttributes
    check(a.key1 == "value1", "key1 is %s (a key not sent must be kept)", tostring(a.key1))
    check(a.key2 == "new2", "key2 is %s", tostring(a.key2))
    check(a.NewKey1 == "n1", "NewKey1 is %s", tostring(a.NewKey1))
    return {}
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", fields = { ["CallDetails.TransactionAttributes.key2"] = "value2" } },
    { event = "HANGUP", fields = {
      ["CallDetails.TransactionAttributes.key1"] = "value1",
      ["CallDetails.TransactionAttributes.key2"] = "new2",
      ["CallDetails.TransactionAttributes.NewKey1"] = "n1" } },
  },
}
