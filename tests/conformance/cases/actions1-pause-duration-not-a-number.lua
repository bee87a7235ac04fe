-- actions-1 §0.5, §10: a duration that is not a number (nor a numeric
-- string) is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { pause("soon") },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.DurationInMilliseconds"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Pause", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
