-- events §8.7 (compat sip-cdr Q1, Q2, events Q12): a handler that fails
-- (a Lua error) is invoked once more with the same event, same Sequence;
-- its answer then is used.
-- (The failure is remembered in a global of the script's state, so
-- the case runs with one handler worker.)
-- simulate: -c @LIB@/one_worker.lua
failed = false
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = function(ev)
    if not failed then
      failed = true
      error("first attempt fails on purpose")
    end
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400, fields = { Sequence = 2 } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400, fields = { Sequence = 2 } },
    { event = "HANGUP", at = 400, fields = { Sequence = 3 } },
  },
  expect_end = { sip_status = 200 },
}
