-- events §7.10, actions-1 §13 (compat Q9): ReceiveDigits succeeds at once
-- with "ReceivedDigits": "" (here the last action of its list), and
-- matching input later gives DIGITS_RECEIVED with the ReceiveDigits action
-- and the digits (a terminator the regex consumed included).
handler = on {
  NEW_INBOUND_CALL = { beeps(1), recv("^\\d{2}#$", 500, 5000) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.ReceivedDigits == "", "ReceivedDigits %s",
          tostring(ev.ActionData.ReceivedDigits))
    return {}
  end,
  DIGITS_RECEIVED = function(ev)
    local d = ev.ActionData
    check(d.Type == "ReceiveDigits", "Type %s", tostring(d.Type))
    check(d.Parameters.InputDigitsRegex == "^\\d{2}#$", "Parameters not echoed")
    check(d.Parameters.FlushDigitsDurationInMilliseconds == 5000, "Flush not echoed")
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "11#" },
    { at = 30000, hangup = true },
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits", digits = "", at = 400 },
    { event = "DIGITS_RECEIVED", digits = "11#", fields = { ["ActionData.Type"] = "ReceiveDigits" } },
    { event = "HANGUP" },
  },
}
