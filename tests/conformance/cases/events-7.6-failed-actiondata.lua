-- events §7.6: ACTION_FAILED's ActionData is the failed action's Type and
-- Parameters plus ErrorType and ErrorMessage (inside ActionData, compat
-- actions-1 Q1).
handler = on {
  NEW_INBOUND_CALL = { pause(100), play("missing.wav") },
  ACTION_FAILED = function(ev)
    local d = ev.ActionData
    check(d.Type == "PlayAudio", "Type %s", tostring(d.Type))
    check(d.Parameters.AudioSource.Key == "missing.wav", "Parameters not echoed")
    check(ev.ErrorType == nil, "ErrorType at the top level of ACTION_FAILED")
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource", at = 100,
      fields = { ["ActionData.Parameters.AudioSource.Key"] = "missing.wav" } },
    { event = "HANGUP" },
  },
}
