-- actions-2 §4.3 (compat Q13): ACTION_SUCCESSFUL carries ReceivedDigits; the
-- FailureSpeechParameters fields left out take SpeechParameters' values,
-- and the echo shows them.
handler = on {
  NEW_INBOUND_CALL = { sagd({ SpeechParameters = { Text = "Enter two digits.",
    VoiceId = "Joanna", Engine = "neural", LanguageCode = "en-US" },
    FailureSpeechParameters = { Text = "Again." }, MaxNumberOfDigits = 2 }) },
  ACTION_SUCCESSFUL = function(ev)
    local f = ev.ActionData.Parameters.FailureSpeechParameters
    check(f.VoiceId == "Joanna", "FailureSpeechParameters.VoiceId %s", tostring(f.VoiceId))
    check(f.Engine == "neural", "FailureSpeechParameters.Engine %s", tostring(f.Engine))
    check(f.LanguageCode == "en-US", "FailureSpeechParameters.LanguageCode %s",
          tostring(f.LanguageCode))
    return { hangup() }
  end,
}
--- scenario ---
return {
  caller = { { at = 300, digits = "42" } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "42" },
    { event = "HANGUP" },
  },
}
