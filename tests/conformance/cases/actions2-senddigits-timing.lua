-- actions-2 §2 (compat Q1): each tone lasts ToneDurationInMilliseconds and
-- tones are 100 ms apart, so "123" takes at least 3 x 250 + 2 x 100 =
-- 950 ms: an update at 900 ms arrives before SendDigits reports (the end
-- of sending may add a frame or two, so the exact time is not checked).
handler = on {
  NEW_INBOUND_CALL = { send("123") },
  CALL_UPDATE_REQUESTED = R(nil),
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 900, update = { probe = "1" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 900 },
    { event = "ACTION_SUCCESSFUL", type = "SendDigits" },
    { event = "HANGUP" },
  },
}
