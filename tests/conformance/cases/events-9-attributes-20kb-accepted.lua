-- events §9: a payload of 20 KB (20,480 bytes of keys and values) is
-- accepted.
handler = on {
  NEW_INBOUND_CALL = R({ pause(100) }, { k = string.rep("x", 20479) }),
  ACTION_SUCCESSFUL = function(ev)
    check(#ev.CallDetails.TransactionAttributes.k == 20479, "value not stored whole")
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause" },
    { event = "HANGUP" },
  },
}
