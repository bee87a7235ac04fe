-- conf_headers.lua (t_conformance_sip; events §6): rejects the call with
-- 486 at once; the test reads the NEW_INBOUND_CALL event it was given
-- (SipHeaders, CallDetails, Participants) from the CDR timeline.
function handler(event)
  if event.InvocationEventType == "NEW_INBOUND_CALL" then
    return { SchemaVersion = "1.0",
             Actions = { { Type = "Hangup", Parameters = { SipResponseCode = 486 } } } }
  end
  return { SchemaVersion = "1.0", Actions = {} }
end
