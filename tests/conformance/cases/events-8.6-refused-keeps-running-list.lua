-- compat (events Q4): a refused response changes nothing: the running list
-- goes on (the 4 s PlayAudio and the Pause after it) and reports as usual.
local eleven = {}
for i = 1, 11 do eleven[i] = hangup(486) end
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d#$", 300, 3000), beeps(10), pause(100) },
  DIGITS_RECEIVED = eleven,
  INVALID_LAMBDA_RESPONSE = R(nil),
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 1000, digits = "7#" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "DIGITS_RECEIVED", digits = "7#" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TooManyActions" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 4100 },
    { event = "HANGUP", at = 4100 },
  },
}
