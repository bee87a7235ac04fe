-- actions-2 §2.2, §2.4: ToneDurationInMilliseconds below 50.
handler = on {
  NEW_INBOUND_CALL = { send("123", { ToneDurationInMilliseconds = 49 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "ToneDuration parameter value is invalid.", "Actions[0].Parameters.ToneDurationInMilliseconds"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SendDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
