-- events §6.2: CallDetails carries TransactionId, AwsAccountId, AwsRegion,
-- SipRuleId (an inbound call routed by a SIP rule), SipMediaApplicationId
-- (that spelling) and Participants, on every event. The TransactionId and
-- the leg's CallId stay the same for the whole call (§7.1).
handler = on {
  NEW_INBOUND_CALL = function(ev)
    local cd = ev.CallDetails
    check(type(cd.SipRuleId) == "string" and #cd.SipRuleId > 0, "SipRuleId missing")
    check(cd.TransactionAttributes == nil, "TransactionAttributes before any was set")
    return R({ beeps(1) }, { tid = cd.TransactionId,
      cid = cd.Participants[1].CallId, rule = cd.SipRuleId,
      sma = cd.SipMediaApplicationId })
  end,
  ACTION_SUCCESSFUL = function(ev)
    local cd, a = ev.CallDetails, ev.CallDetails.TransactionAttributes
    check(cd.TransactionId == a.tid, "TransactionId changed: %s -> %s", a.tid, cd.TransactionId)
    check(cd.Participants[1].CallId == a.cid, "CallId changed")
    check(cd.SipRuleId == a.rule, "SipRuleId changed or missing")
    check(cd.SipMediaApplicationId == a.sma, "SipMediaApplicationId changed")
    return { hangup() }
  end,
  HANGUP = function(ev)
    local cd, a = ev.CallDetails, ev.CallDetails.TransactionAttributes
    check(cd.TransactionId == a.tid, "TransactionId changed at HANGUP")
    check(cd.Participants[1].CallId == a.cid, "CallId changed at HANGUP")
    check(cd.SipRuleId == a.rule, "SipRuleId missing at HANGUP")
    return {}
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", fields = { ["CallDetails.AwsAccountId"] = "000000000000",
      ["CallDetails.AwsRegion"] = "us-east-1" } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", fields = {
      ["CallDetails.AwsAccountId"] = "000000000000",
      ["CallDetails.AwsRegion"] = "us-east-1" } },
    { event = "HANGUP" },
  },
}
