-- actions-2 §1.3 (compat Q3): ACTION_SUCCESSFUL carries RecordingDestination
-- {Type, BucketName, Key}; the key is
-- <Prefix>/<TransactionId>_<CallId>_<yyyy-mm-dd-hh-mm-ss-mmm>.wav. A
-- recording that ended on DurationInSeconds has no RecordingTerminatorUsed.
handler = on {
  NEW_INBOUND_CALL = { record({ DurationInSeconds = 2,
    RecordingDestination = { Prefix = "msgs" } }) },
  ACTION_SUCCESSFUL = function(ev)
    local d = ev.ActionData
    local r = d.RecordingDestination
    local tid = ev.CallDetails.TransactionId
    local cid = ev.CallDetails.Participants[1].CallId
    check(type(r) == "table", "no RecordingDestination")
    check(r.Type == "S3" and r.BucketName == "rec", "Type/BucketName %s/%s",
          tostring(r.Type), tostring(r.BucketName))
    local want = "^msgs/" .. tid:gsub("%-", "%%-") .. "_" .. cid:gsub("%-", "%%-")
                 .. "_%d%d%d%d%-%d%d%-%d%d%-%d%d%-%d%d%-%d%d%-%d%d%d%.wav$"
    check(type(r.Key) == "string" and r.Key:match(want), "Key %s", tostring(r.Key))
    check(d.RecordingTerminatorUsed == nil, "RecordingTerminatorUsed after a timed end")
    return { hangup() }
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "RecordAudio",
      fields = { ["ActionData.RecordingDestination.BucketName"] = "rec" } },
    { event = "HANGUP" },
  },
}
