-- events §6.1 (and compat Q12): Sequence starts at 1 and grows by one on
-- every invocation of the call, whatever the event: INVALID_LAMBDA_RESPONSE,
-- DIGITS_RECEIVED, CALL_UPDATE_REQUESTED, ACTION_INTERRUPTED and HANGUP
-- included.
handler = on {
  NEW_INBOUND_CALL = {},                               -- EmptyActionList
  INVALID_LAMBDA_RESPONSE = { recv("^\\d#$", 300, 3000), beeps(25) },
  DIGITS_RECEIVED = R(nil),                            -- keep the list
  CALL_UPDATE_REQUESTED = { pause(200) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = {
    { at = 1000, digits = "1#" },
    { on = "PlayAudio", after = 3000, update = { step = "3" } },
  },
  expect = {
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
    { event = "INVALID_LAMBDA_RESPONSE", error = "EmptyActionList", fields = { Sequence = 2 } },
    { event = "DIGITS_RECEIVED", digits = "1#", fields = { Sequence = 3 } },
    { event = "CALL_UPDATE_REQUESTED", fields = { Sequence = 4 } },
    { event = "ACTION_INTERRUPTED", type = "PlayAudio", fields = { Sequence = 5 } },
    { event = "ACTION_SUCCESSFUL", type = "Pause", fields = { Sequence = 6 } },
    { event = "HANGUP", fields = { Sequence = 7 } },
  },
}
