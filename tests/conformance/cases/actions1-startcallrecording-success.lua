-- actions-1 §2 (compat Q3, Q16): StartCallRecording succeeds once recording
-- has started, with CallRecordingDestination inside ActionData holding the
-- full bucket/key of the recording.
handler = on {
  NEW_INBOUND_CALL = { beeps(1), startrec() },
  ACTION_SUCCESSFUL = function(ev)
    if ev.ActionData.Type == "StopCallRecording" then return {} end
    local d = ev.ActionData.CallRecordingDestination
    check(type(d) == "table", "no CallRecordingDestination in ActionData")
    check(d.Type == "S3", "CallRecordingDestination.Type %s", tostring(d.Type))
    check(type(d.Location) == "string" and d.Location:sub(1, 10) == "rec/calls/"
          and d.Location:match("%.wav$"), "Location %s", tostring(d.Location))
    check(ev.CallRecordingDestination == nil, "CallRecordingDestination at the top level")
    return { beeps(1), stoprec() }
  end,
}
--- scenario ---
return {
  caller = { { at = 5000, hangup = true } },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "StartCallRecording",
      fields = { ["ActionData.CallRecordingDestination.Type"] = "S3" } },
    { event = "ACTION_SUCCESSFUL", type = "StopCallRecording" },
    { event = "HANGUP", at = 5000 },
  },
}
