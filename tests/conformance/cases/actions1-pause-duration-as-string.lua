-- actions-1 §10, §0.5: DurationInMilliseconds may be a numeric string, as
-- in the guide's example ("3000"); it is echoed as sent.
handler = on {
  NEW_INBOUND_CALL = { pause("300") },
  ACTION_SUCCESSFUL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 300,
      fields = { ["ActionData.Parameters.DurationInMilliseconds"] = "300" } },
    { event = "HANGUP", at = 300 },
  },
  expect_end = { sip_status = 486 },
}
