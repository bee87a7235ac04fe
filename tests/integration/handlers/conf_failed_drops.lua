-- conf_failed_drops.lua (t_conformance_sip; events §7.6, §8.3): the second
-- action fails its parameter check (Pause of 50 ms; 100 is the least), so
-- ACTION_FAILED is sent and the 486 Hangup after it never runs; the reply
-- rejects the call with 480 instead.
local function hangup(code)
  return { Type = "Hangup", Parameters = { SipResponseCode = code } }
end

local function pause(ms)
  return { Type = "Pause", Parameters = { DurationInMilliseconds = ms } }
end

function handler(event)
  local t = event.InvocationEventType
  if t == "NEW_INBOUND_CALL" then
    return { SchemaVersion = "1.0", Actions = { pause(100), pause(50), hangup(486) } }
  end
  if t == "ACTION_FAILED" then
    return { SchemaVersion = "1.0", Actions = { hangup(480) } }
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
