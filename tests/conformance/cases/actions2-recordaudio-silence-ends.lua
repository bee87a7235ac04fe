-- actions-2 §1.1 (compat Q4, Q7): with SilenceDurationInSeconds set, that
-- much silence from the caller (the simulated caller sends silence) ends
-- the recording.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 60, SilenceDurationInSeconds = 2 }) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Parameters.SilenceThreshold == 200,
          "SilenceThreshold default not echoed: %s",
          tostring(ev.ActionData.Parameters.SilenceThreshold))
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "RecordAudio" },
    { event = "HANGUP" },
  },
}
