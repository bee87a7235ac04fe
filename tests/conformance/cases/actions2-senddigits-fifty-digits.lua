-- actions-2 §2.1 (compat Q1): 50 digits are accepted, and commas do not
-- count towards them.
handler = on {
  NEW_INBOUND_CALL = { send(string.rep("1", 50) .. ",", { ToneDurationInMilliseconds = 50 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "SendDigits" },
    { event = "HANGUP" },
  },
}
