-- events §6.1, §7.1: the first invocation of a call is NEW_INBOUND_CALL with
-- SchemaVersion "1.0", Sequence 1 (an integer) and no ActionData.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    check(ev.Sequence == 1, "Sequence is %s", tostring(ev.Sequence))
    check(ev.ActionData == nil, "NEW_INBOUND_CALL carries ActionData")
    check(ev.ErrorType == nil, "NEW_INBOUND_CALL carries ErrorType")
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", at = 0, actions = { "Hangup" },
      fields = { SchemaVersion = "1.0", Sequence = 1 } },
    { event = "HANGUP", fields = { Sequence = 2 } },
  },
  expect_end = { sip_status = 486 },
}
