-- events §6.2 (issue 3, point 1): AwsAccountId and AwsRegion are the
-- configured values.
-- simulate: -c @LIB@/account.lua
handler = on {
  NEW_INBOUND_CALL = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", fields = {
      ["CallDetails.AwsAccountId"] = "123456789012",
      ["CallDetails.AwsRegion"] = "eu-west-1" } },
    { event = "HANGUP", fields = { ["CallDetails.AwsAccountId"] = "123456789012" } },
  },
  expect_end = { sip_status = 486 },
}
