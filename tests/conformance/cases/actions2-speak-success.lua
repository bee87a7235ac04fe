-- actions-2 §3.3 (compat Q10): Speak reports ACTION_SUCCESSFUL with its
-- Type and Parameters once playback has ended, not when synthesis is done
-- (synthesis takes no virtual time: an update 500 ms in arrives first).
handler = on {
  NEW_INBOUND_CALL = { speak("Hello, this is a test of the speech action.") },
  CALL_UPDATE_REQUESTED = R(nil),
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Parameters.Text == "Hello, this is a test of the speech action.",
          "Text not echoed")
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { at = 500, update = { probe = "1" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 500 },
    { event = "ACTION_SUCCESSFUL", type = "Speak" },
    { event = "HANGUP" },
  },
}
