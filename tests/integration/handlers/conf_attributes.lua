-- conf_attributes.lua (t_conformance_sip; events §9): attributes set with
-- one reply come back on the next event; a second map adds to them; {}
-- clears them (HANGUP carries none).
local function act(a, attrs)
  return { SchemaVersion = "1.0", Actions = { a }, TransactionAttributes = attrs }
end

local PAUSE = { Type = "Pause", Parameters = { DurationInMilliseconds = 100 } }

function handler(event)
  local t = event.InvocationEventType
  if t == "NEW_INBOUND_CALL" then
    return act(PAUSE, { a = "1" })
  end
  if t == "ACTION_SUCCESSFUL" and event.Sequence == 2 then
    return act(PAUSE, { b = "2" })
  end
  if t == "ACTION_SUCCESSFUL" then
    return act({ Type = "Hangup", Parameters = { SipResponseCode = 486 } }, {})
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
