-- events §8.2: a response may hold 10 actions; they all run in order.
local ten = {}
for i = 1, 10 do ten[i] = pause(100) end
handler = on {
  NEW_INBOUND_CALL = ten,
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Pause", "Pause", "Pause", "Pause",
      "Pause", "Pause", "Pause", "Pause", "Pause", "Pause" } },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 1000 },
    { event = "HANGUP", at = 1000 },
  },
  expect_end = { sip_status = 486 },
}
