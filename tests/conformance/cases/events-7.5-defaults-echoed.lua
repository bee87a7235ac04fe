-- events §7.5, actions-1 §11: the echoed Parameters carry defaults the
-- handler did not send: a PlayAudio without Repeat comes back with
-- "Repeat": 1.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav") },
  ACTION_SUCCESSFUL = function(ev)
    local p = ev.ActionData.Parameters
    check(p.Repeat == 1 and math.type(p.Repeat) == "integer", "Repeat echoed as %s",
          tostring(p.Repeat))
    check(p.AudioSource.Key == "beep.wav", "AudioSource not echoed")
    check(p.CallId == ev.CallDetails.Participants[1].CallId, "CallId not echoed")
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio",
      fields = { ["ActionData.Parameters.Repeat"] = 1 } },
    { event = "HANGUP" },
  },
}
