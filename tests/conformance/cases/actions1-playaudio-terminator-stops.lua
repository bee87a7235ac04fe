-- actions-1 §11 (compat Q13): a PlaybackTerminators digit stops the audio
-- at once, remaining repeats included, and PlayAudio succeeds with no extra
-- field.
handler = on {
  NEW_INBOUND_CALL = { beeps(25, { PlaybackTerminators = { "#", "5" } }) },
  ACTION_SUCCESSFUL = function(ev)
    local d = ev.ActionData
    for k in pairs(d) do
      check(k == "Type" or k == "Parameters", "extra field %s in PlayAudio's result", k)
    end
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 1000 },
    { event = "HANGUP", at = 1000 },
  },
}
