-- actions-1 §11: Repeat is the number of times the audio is played
-- (3 x 400 ms).
handler = on {
  NEW_INBOUND_CALL = { beeps(3) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 1200,
      fields = { ["ActionData.Parameters.Repeat"] = 3 } },
    { event = "HANGUP", at = 1200 },
  },
}
