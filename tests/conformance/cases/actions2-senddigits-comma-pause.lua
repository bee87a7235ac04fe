-- actions-2 §2.1: a comma is a 500 ms pause between the tones around it:
-- "1,2" takes at least 250 + 500 + 250 ms, so an update at 950 ms arrives
-- before SendDigits reports.
handler = on {
  NEW_INBOUND_CALL = { send("1,2") },
  CALL_UPDATE_REQUESTED = R(nil),
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 950, update = { probe = "1" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 950 },
    { event = "ACTION_SUCCESSFUL", type = "SendDigits" },
    { event = "HANGUP" },
  },
}
