-- callflow example configuration: `make run` serves it on 127.0.0.1:5060.
-- A Lua file that returns a table. Object and field names follow the Chime
-- SDK Voice API (PhoneNumbers, SipMediaApplications, SipRules); a SIP media
-- application's endpoint names a Lua script instead of a Lambda ARN.
-- Relative paths are relative to this file.
return {
  sip  = { listen = "127.0.0.1:5060" },      -- UDP and TCP
  http = { listen = "127.0.0.1:8080" },      -- REST API
  rtp  = { address = "127.0.0.1", port_min = 20000, port_max = 29999 },
  data_dir = "../var",                       -- cdr.sqlite lives here
  storage_root = "storage",                  -- S3 BucketName/Key -> storage/<bucket>/<key>

  account = { AwsAccountId = "000000000000", AwsRegion = "us-east-1" },
  handler = { workers = 2, time_budget_ms = 20000, memory_mb = 16 },

  PhoneNumbers = {
    { E164PhoneNumber = "+15550100", Name = "Hello line" },
    { E164PhoneNumber = "+15550101", Name = "IVR menu" },
    { E164PhoneNumber = "+15550102", Name = "Voicemail" },
  },

  SipMediaApplications = {
    {
      SipMediaApplicationId = "hello-sma",
      Name = "Hello",
      AwsRegion = "us-east-1",
      Endpoints = { { Script = "hello.lua" } },
    },
    {
      SipMediaApplicationId = "ivr-sma",
      Name = "IVR",
      AwsRegion = "us-east-1",
      Endpoints = { { Script = "ivr.lua" } },
    },
    {
      SipMediaApplicationId = "voicemail-sma",
      Name = "Voicemail",
      AwsRegion = "us-east-1",
      Endpoints = { { Script = "voicemail.lua" } },
    },
  },

  SipRules = {
    {
      SipRuleId = "hello-rule",
      Name = "Hello number",
      TriggerType = "ToPhoneNumber",
      TriggerValue = "+15550100",
      TargetApplications = {
        { SipMediaApplicationId = "hello-sma", Priority = 1, AwsRegion = "us-east-1" },
      },
    },
    {
      SipRuleId = "ivr-rule",
      Name = "IVR number",
      TriggerType = "ToPhoneNumber",
      TriggerValue = "+15550101",
      TargetApplications = {
        { SipMediaApplicationId = "ivr-sma", Priority = 1, AwsRegion = "us-east-1" },
      },
    },
    {
      SipRuleId = "voicemail-rule",
      Name = "Voicemail number",
      TriggerType = "ToPhoneNumber",
      TriggerValue = "+15550102",
      TargetApplications = {
        { SipMediaApplicationId = "voicemail-sma", Priority = 1, AwsRegion = "us-east-1" },
      },
    },
  },
}
