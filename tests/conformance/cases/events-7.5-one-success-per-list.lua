-- events §7.5, §8.3 (compat Q1): one ACTION_SUCCESSFUL for the whole list,
-- once every action succeeded, carrying the last action's data.
handler = on {
  NEW_INBOUND_CALL = { pause(100), beeps(1), pause(200) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Parameters.DurationInMilliseconds == 200,
          "ActionData is not the last action's")
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Pause", "PlayAudio", "Pause" } },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 700 },
    { event = "HANGUP", at = 700 },
  },
}
