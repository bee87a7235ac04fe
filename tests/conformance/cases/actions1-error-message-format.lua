-- compat (actions-1 Q1, Q2): ErrorType and ErrorMessage sit inside
-- ActionData; where the spec gives an exact message it is used as is,
-- followed by the field path and the reason in parentheses.
handler = on {
  NEW_INBOUND_CALL = { play("beep.wav", { AudioSource = { Key = NONE } }) },
  ACTION_FAILED = function(ev)
    local want = "Audio Source parameter value is invalid. " ..
                 "(Actions[0].Parameters.AudioSource.Key is required)"
    check(ev.ActionData.ErrorMessage == want, "ErrorMessage %q, want %q",
          tostring(ev.ActionData.ErrorMessage), want)
    check(ev.ErrorType == nil and ev.ErrorMessage == nil,
          "ErrorType/ErrorMessage at the top level of ACTION_FAILED")
    check(ev.ActionData.Error == nil, "an Error string besides ErrorType")
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudio", error = "InvalidAudioSource", fields = {
      ["ActionData.ErrorMessage"] =
        "Audio Source parameter value is invalid. (Actions[0].Parameters.AudioSource.Key is required)" } },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
