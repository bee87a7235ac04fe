-- events §7.7, §8.5: the reply to ACTION_INTERRUPTED is ignored (its 486
-- Hangup and its TransactionAttributes); the update's list runs.
handler = on {
  NEW_INBOUND_CALL = { beeps(25) },
  CALL_UPDATE_REQUESTED = { pause(300) },
  ACTION_INTERRUPTED = R({ hangup(486) }, { ignored = "yes" }),
  ACTION_SUCCESSFUL = function(ev)
    check(ev.CallDetails.TransactionAttributes == nil,
          "attributes of the ignored reply were stored")
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { on = "PlayAudio", after = 1000, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 1000 },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", at = 1000 },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 1300 },
    { event = "HANGUP", at = 1300, fields = { ["ActionData.Parameters.SipResponseCode"] = 0 } },
  },
}
