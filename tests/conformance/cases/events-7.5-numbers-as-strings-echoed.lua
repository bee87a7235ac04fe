-- actions-1 §0.5 (compat): numeric parameters may be numeric strings
-- ("Repeat": "2") and are echoed as sent.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { Repeat = "2" }) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Parameters.Repeat == "2", "Repeat echoed as %s (%s)",
          tostring(ev.ActionData.Parameters.Repeat), type(ev.ActionData.Parameters.Repeat))
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 800,
      fields = { ["ActionData.Parameters.Repeat"] = "2" } },
    { event = "HANGUP" },
  },
}
