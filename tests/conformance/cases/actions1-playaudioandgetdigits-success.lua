-- actions-1 §12 (compat Q9): digits up to the terminator are collected;
-- ACTION_SUCCESSFUL carries ReceivedDigits (without the terminator) and
-- the echoed Parameters with their defaults.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MinNumberOfDigits = 3, MaxNumberOfDigits = 5,
    TerminatorDigits = { "#" }, InBetweenDigitsDurationInMilliseconds = 3000,
    Repeat = 3, RepeatDurationInMilliseconds = 10000 }) },
  ACTION_SUCCESSFUL = function(ev)
    local p = ev.ActionData.Parameters
    check(p.Repeat == 3 and p.MinNumberOfDigits == 3, "Parameters not echoed")
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "123#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "123",
      fields = { ["ActionData.ReceivedDigits"] = "123" } },
    { event = "HANGUP" },
  },
}
