-- actions-2 §1.1, §1.3: a RecordingTerminators key ends the recording;
-- RecordingTerminatorUsed says which.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 30, RecordingTerminators = { "#", "*" } }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 1500, digits = "*" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "RecordAudio", at = 1500,
      fields = { ["ActionData.RecordingTerminatorUsed"] = "*" } },
    { event = "HANGUP" },
  },
}
