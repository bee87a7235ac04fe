-- ivr.scenario.lua: a simulated call to ivr.lua, checked offline.
--   callflow simulate examples/ivr.lua --scenario examples/ivr.scenario.lua
-- The caller goes through every branch of the menu: a key that is not an
-- option (the failure speech, then a second attempt), 1 (the time, then
-- the menu again), 2 and a wrong PIN (back to the menu), 2 and the right
-- PIN (goodbye). Each key is pressed a moment after its prompt starts, so
-- it cuts the speech short, as a caller who knows the menu would. The
-- stage of the dialogue travels in TransactionAttributes. See
-- docs/simulate.md for the format.
return {
  from = "+15105550101",
  to = "+15550101",

  caller = {
    -- Menu, first attempt: 9 is not an option (the regex is ^[012]$).
    { on = "SpeakAndGetDigits", nth = 1, after = 800, digits = "9" },
    -- A key pressed during the failure speech starts the second attempt.
    { on = "SpeakAndGetDigits", nth = 1, after = 1600, digits = "1" },
    -- The time was spoken, the menu is back: ask for the PIN.
    { on = "SpeakAndGetDigits", nth = 2, after = 500, digits = "2" },
    { on = "SpeakAndGetDigits", nth = 3, after = 500, digits = "1111" },
    -- Wrong PIN: menu again, PIN again, the right one this time.
    { on = "SpeakAndGetDigits", nth = 4, after = 500, digits = "2" },
    { on = "SpeakAndGetDigits", nth = 5, after = 500, digits = "1234" },
  },

  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "SpeakAndGetDigits" } },
    -- 9 failed the first attempt; the 1 of the second one is the answer.
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "1",
      actions = { "Speak", "SpeakAndGetDigits" },
      fields = { ["CallDetails.TransactionAttributes.Stage"] = "menu",
                 ["ActionData.Parameters.Repeat"] = 3,
                 ["ActionData.Parameters.InputDigitsRegex"] = "^[012]$" } },
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "2",
      actions = { "SpeakAndGetDigits" } },
    -- Four digits end the PIN prompt (MaxNumberOfDigits = 4).
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "1111",
      actions = { "Speak", "SpeakAndGetDigits" },
      fields = { ["CallDetails.TransactionAttributes.Stage"] = "pin" } },
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "2",
      actions = { "SpeakAndGetDigits" },
      fields = { ["CallDetails.TransactionAttributes.Stage"] = "menu" } },
    { event = "ACTION_SUCCESSFUL", type = "SpeakAndGetDigits", digits = "1234",
      actions = { "Speak", "Hangup" },
      fields = { ["CallDetails.TransactionAttributes.Stage"] = "pin" } },
    -- The Hangup ends the call: HANGUP, not ACTION_SUCCESSFUL.
    { event = "HANGUP", actions = {},
      fields = { ["ActionData.Parameters.SipResponseCode"] = 0,
                 ["CallDetails.Participants.1.Status"] = "Disconnected" } },
  },

  expect_end = { sip_status = 200, hangup_by = "server", cause = "application-hangup" },
}
