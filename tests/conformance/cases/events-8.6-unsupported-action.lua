-- events §8.6: an unknown action Type is UnsupportedAction; the message
-- names the action's place in the list.
handler = on {
  NEW_INBOUND_CALL = { pause(100), { Type = "Dance", Parameters = {} } },
  INVALID_LAMBDA_RESPONSE = function(ev)
    check(ev.ErrorMessage:find("Actions[1]", 1, true), "message %q does not name Actions[1]",
          ev.ErrorMessage)
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction", at = 0 },
    { event = "HANGUP", at = 0 },
  },
  expect_end = { sip_status = 486 },
}
