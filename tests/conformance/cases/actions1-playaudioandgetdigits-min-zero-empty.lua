-- actions-1 §12: with MinNumberOfDigits 0 (the default) an attempt with no
-- digit succeeds with "ReceivedDigits": "" once RepeatDurationInMilliseconds
-- has passed after the prompt (400 + 2000 ms).
handler = on {
  NEW_INBOUND_CALL = { pagd({ RepeatDurationInMilliseconds = 2000 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "", at = 2400,
      fields = { ["ActionData.Parameters.MinNumberOfDigits"] = 0,
                 ["ActionData.Parameters.MaxNumberOfDigits"] = 128 } },
    { event = "HANGUP", at = 2400 },
  },
}
