-- events §8.4, actions-2 §0.2: SendDigits is not interruptible either.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), send("123456789", { ToneDurationInMilliseconds = 500 }), hangup(486) },
  CALL_UPDATE_REQUESTED = { pause(100) },
  ACTION_SUCCESSFUL = function(ev)
    check(ev.ActionData.Type == "Pause", "%s reported after its list was replaced",
          ev.ActionData.Type)
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { on = "SendDigits", after = 300, update = { k = "v" } } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "CALL_UPDATE_REQUESTED", at = 700 },
    { event = "ACTION_SUCCESSFUL", type = "Pause" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 200 },
}
