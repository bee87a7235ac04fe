-- actions-1 §0.1: action names are case-sensitive: "playAudio" is
-- UnsupportedAction.
handler = on {
  NEW_INBOUND_CALL = { { Type = "playAudio", Parameters = { AudioSource = src("beep.wav") } } },
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
