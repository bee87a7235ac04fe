-- events §8.2: the 30 s rule is for unanswered calls: an answered call with
-- nothing to do stays up until someone hangs up.
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = {},
}
--- scenario ---
return {
  caller = { { at = 90000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "HANGUP", at = 90000, fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
}
