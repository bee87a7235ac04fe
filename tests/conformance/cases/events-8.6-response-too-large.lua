-- compat (events Q4): a response over 64 KiB is ResponseTooLarge.
handler = on {
  NEW_INBOUND_CALL = { speak(string.rep("x", 70000)) },
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "ResponseTooLarge" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
