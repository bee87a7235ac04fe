-- account.lua - a configuration with an account and region of its own, for
-- the case that checks they reach CallDetails (issue 3, point 1).
return {
  account = { AwsAccountId = "123456789012", AwsRegion = "eu-west-1" },
}
