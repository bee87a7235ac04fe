-- compat (actions-1 Q9): the first digit stops the prompt (thanks.wav is
-- 2.7 s long); a terminator ends the input at once.
handler = on {
  NEW_INBOUND_CALL = { pagd({ AudioSource = src("thanks.wav"), MinNumberOfDigits = 1 }) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  caller = { { at = 200, digits = "12#" } },    -- "#" at 400
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudioAndGetDigits", digits = "12", at = 400 },
    { event = "HANGUP", at = 400 },
  },
}
