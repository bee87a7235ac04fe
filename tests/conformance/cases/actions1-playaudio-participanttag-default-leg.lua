-- actions-1 §0.2: with neither CallId nor ParticipantTag the action runs on
-- the invoked leg; ParticipantTag LEG-A works as well.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { CallId = NONE }),
                       play("beep.wav", { CallId = NONE, ParticipantTag = "LEG-A" }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 800,
      fields = { ["ActionData.Parameters.ParticipantTag"] = "LEG-A" } },
    { event = "HANGUP" },
  },
}
