-- events §8.2, §8.6: more than 10 actions is TooManyActions, and none of
-- them runs.
local eleven = {}
for i = 1, 11 do eleven[i] = hangup(486) end
handler = on {
  NEW_INBOUND_CALL = eleven,
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TooManyActions", at = 0 },
    { event = "HANGUP", at = 0 },
  },
  expect_end = { sip_status = 480 },
}
