-- compat (actions-1 §13): a digit goes to the running action first (a
-- PlaybackTerminators "#" stops the PlayAudio and is used up); only digits
-- it does not use reach the armed ReceiveDigits ("1" here).
handler = on {
  NEW_INBOUND_CALL = { recv("^\\d+#?$", 300, 3000),
                       beeps(25, { PlaybackTerminators = { "#" } }), pause(100) },
  ACTION_SUCCESSFUL = R(nil),
  DIGITS_RECEIVED = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 500, digits = "1#" } },    -- "1" at 500, "#" at 600
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 700 },
    { event = "DIGITS_RECEIVED", digits = "1", at = 800 },
    { event = "HANGUP", at = 800 },
  },
}
