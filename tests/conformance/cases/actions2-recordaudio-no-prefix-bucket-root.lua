-- actions-2 §1.2 (compat Q3): without Prefix the file goes to the bucket's
-- root.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 1 }) },
  ACTION_SUCCESSFUL = function(ev)
    local k = ev.ActionData.RecordingDestination.Key
    check(not k:find("/", 1, true), "Key %s is not at the bucket's root", k)
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
