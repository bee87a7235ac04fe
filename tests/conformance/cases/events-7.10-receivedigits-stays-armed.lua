-- compat (actions-1 Q11, events Q9): ReceiveDigits stays armed after a
-- match: a second matching input gives a second DIGITS_RECEIVED.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), recv("^\\d#$", 300, 3000) },
  DIGITS_RECEIVED = function(ev)
    if ev.ActionData.ReceivedDigits == "2#" then return { hangup() } end
    return R(nil)
  end,
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "1#" },
    { at = 3000, digits = "2#" },
    { at = 30000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits" },
    { event = "DIGITS_RECEIVED", digits = "1#" },
    { event = "DIGITS_RECEIVED", digits = "2#" },
    { event = "HANGUP" },
  },
}
