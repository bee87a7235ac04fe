-- actions-2 §2 (compat Q1): SendDigits succeeds once the digits are sent;
-- lower-case a-d and commas are accepted; the default
-- ToneDurationInMilliseconds (250) is echoed.
handler = on {
  NEW_INBOUND_CALL = { send("12,ab#") },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "SendDigits",
      fields = { ["ActionData.Parameters.ToneDurationInMilliseconds"] = 250,
                 ["ActionData.Parameters.Digits"] = "12,ab#" } },
    { event = "HANGUP" },
  },
}
