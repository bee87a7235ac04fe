-- events §7: the list returned for DIGITS_RECEIVED is run (after the
-- running action, §8.4).
handler = on {
  NEW_INBOUND_CALL = { beeps(1), recv("^\\d#$", 300, 3000) },
  DIGITS_RECEIVED = { pause(200) },
  ACTION_SUCCESSFUL = function(ev)
    if ev.ActionData.Type == "Pause" then return { hangup() } end
    return {}
  end,
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "5#" }, { at = 30000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits" },
    { event = "DIGITS_RECEIVED", digits = "5#" },
    { event = "ACTION_SUCCESSFUL", type = "Pause" },
    { event = "HANGUP" },
  },
}
