-- events §8.6: INVALID_LAMBDA_RESPONSE always carries ErrorType and
-- ErrorMessage, even when the quoted action name is cut inside a
-- multi-byte character (63 ASCII bytes, then "é").
local name = string.rep("X", 63) .. "é"
handler = on {
  NEW_INBOUND_CALL = { { Type = name, Parameters = {} } },
  INVALID_LAMBDA_RESPONSE = function(ev)
    local d = ev.ActionData or {}
    check(d.ErrorType == "UnsupportedAction", "ErrorType is %s", tostring(d.ErrorType))
    check(type(d.ErrorMessage) == "string" and d.ErrorMessage:find("Actions[0].Type", 1, true),
          "ErrorMessage %s does not name Actions[0].Type", tostring(d.ErrorMessage))
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
