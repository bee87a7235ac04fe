-- conf_invalid_recovery.lua (t_conformance_sip; events §7.9, §8.6): the
-- first reply has 11 actions (TooManyActions, refused whole); the reply to
-- INVALID_LAMBDA_RESPONSE is used: it rejects the call with 486.
local function hangup(code)
  return { Type = "Hangup", Parameters = { SipResponseCode = code } }
end

function handler(event)
  local t = event.InvocationEventType
  if t == "NEW_INBOUND_CALL" then
    local eleven = {}
    for i = 1, 11 do eleven[i] = hangup(480) end
    return { SchemaVersion = "1.0", Actions = eleven }
  end
  if t == "INVALID_LAMBDA_RESPONSE" then
    return { SchemaVersion = "1.0", Actions = { hangup(486) } }
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
