-- events §7.7: ACTION_INTERRUPTED's ActionData is the interrupted action's
-- Type and Parameters.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = { pause(100) },
  ACTION_INTERRUPTED = function(ev)
    local d = ev.ActionData
    check(d.Type == "PlayAudio", "Type %s", tostring(d.Type))
    check(d.Parameters.Repeat == 25, "Parameters.Repeat %s", tostring(d.Parameters.Repeat))
    check(d.Parameters.AudioSource.Key == "beep.wav", "AudioSource not echoed")
    return {}
  end,
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 1000, update = { go = "1" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 1000,
      fields = { ["ActionData.Parameters.AudioSource.Key"] = "beep.wav" } },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 1100 },
    { event = "HANGUP", at = 1100 },
  },
}
