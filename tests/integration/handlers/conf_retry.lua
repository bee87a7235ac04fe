-- conf_retry.lua (t_conformance_sip; events §8.7): fails on its first
-- invocation (a Lua error), answers the retry of the same event. The
-- failure is remembered in a global, so the test runs one handler worker.
local failed = false

function handler(event)
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    if not failed then
      failed = true
      error("first attempt fails on purpose")
    end
    return { SchemaVersion = "1.0",
             Actions = { { Type = "Hangup", Parameters = { SipResponseCode = 486 } } } }
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
