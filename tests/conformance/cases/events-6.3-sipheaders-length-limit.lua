-- events §8.2 / sip-cdr-limits a.2: a custom header is at most 2,048
-- characters; a longer one is not passed to the handler, one of exactly
-- 2,048 is.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    local h = ev.CallDetails.Participants[1].SipHeaders or {}
    check(h["X-Long"] == nil, "a %d-character header was passed",
          h["X-Long"] and #h["X-Long"] or 0)
    check(h["X-Max"] and #h["X-Max"] == 2048, "the 2,048-character header is missing")
    return { hangup(486) }
  end,
}
--- scenario ---
return {
  headers = {
    ["X-Long"] = string.rep("a", 2049),
    ["X-Max"] = string.rep("b", 2048),
  },
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
