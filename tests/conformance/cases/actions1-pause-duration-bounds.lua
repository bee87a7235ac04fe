-- actions-1 Appendix A (compat Q6): 100 and 30000 ms are both accepted.
handler = on {
  NEW_INBOUND_CALL = { pause(100), pause(30000) },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 30100 },
    { event = "HANGUP", at = 30100 },
  },
  expect_end = { sip_status = 486 },
}
