-- ivr.lua: a small voice menu on +15550101. The caller hears a spoken menu
-- and answers with the keypad: 1 tells the time (UTC), 2 asks for a
-- four-digit PIN, 0 repeats the menu. Every prompt is a SpeakAndGetDigits,
-- so a key pressed during the speech cuts it short. Which question was
-- asked last is kept in TransactionAttributes, which callflow hands back
-- on every event of the call, so the handler itself holds no state.

local VOICE = { VoiceId = "Joanna", Engine = "neural", LanguageCode = "en-US" }

-- The demo's one valid PIN. A real application would look it up.
local RIGHT_PIN = "1234"

local function response(actions, stage)
  return { SchemaVersion = "1.0", Actions = actions,
           TransactionAttributes = stage and { Stage = stage } or nil }
end

local function speak(call_id, text)
  return { Type = "Speak", Parameters = { CallId = call_id, Text = text,
      VoiceId = VOICE.VoiceId, Engine = VOICE.Engine, LanguageCode = VOICE.LanguageCode } }
end

local function hangup(call_id)
  return { Type = "Hangup", Parameters = { CallId = call_id, SipResponseCode = "0" } }
end

-- Speak a question and collect the answer. The failure speech is played
-- before each new attempt; after the last one the action fails.
local function ask(call_id, text, failure, digits)
  local p = { CallId = call_id,
    SpeechParameters = { Text = text, VoiceId = VOICE.VoiceId,
      Engine = VOICE.Engine, LanguageCode = VOICE.LanguageCode },
    FailureSpeechParameters = { Text = failure },
    Repeat = 3, RepeatDurationInMilliseconds = 5000,
    InBetweenDigitsDurationInMilliseconds = 3000 }
  for k, v in pairs(digits) do p[k] = v end
  return { Type = "SpeakAndGetDigits", Parameters = p }
end

local function menu(call_id)
  -- One key, only 0, 1 or 2: anything else counts as a failed attempt.
  return ask(call_id,
    "Welcome to the callflow demo line. For the time, press 1. " ..
    "To enter your PIN, press 2. To hear this menu again, press 0.",
    "Sorry, that is not an option.",
    { MinNumberOfDigits = 1, MaxNumberOfDigits = 1, InputDigitsRegex = "^[012]$" })
end

local function pin_prompt(call_id)
  -- Input ends at the fourth digit (or earlier on #); the regex then
  -- checks that exactly four digits were typed.
  return ask(call_id,
    "Please enter your four digit PIN.",
    "A PIN has four digits. Please try again.",
    { MinNumberOfDigits = 4, MaxNumberOfDigits = 4, InputDigitsRegex = "^\\d{4}$" })
end

-- The time as words a speech engine reads well, e.g. "14 05".
local function time_text()
  return "The time is " .. os.date("!%H %M") .. " U T C."
end

local function on_digits(call_id, stage, digits)
  if stage == "menu" then
    if digits == "1" then
      return response({ speak(call_id, time_text()), menu(call_id) }, "menu")
    elseif digits == "2" then
      return response({ pin_prompt(call_id) }, "pin")
    end
    return response({ menu(call_id) }, "menu")         -- 0: say it again
  end
  -- stage == "pin"
  if digits == RIGHT_PIN then
    return response({ speak(call_id, "Thank you, your PIN is correct. Goodbye."),
                      hangup(call_id) })
  end
  return response({ speak(call_id, "That PIN is not correct."), menu(call_id) }, "menu")
end

function handler(event)
  local call_id = event.CallDetails.Participants[1].CallId
  local attrs = event.CallDetails.TransactionAttributes or {}
  local t = event.InvocationEventType

  if t == "NEW_INBOUND_CALL" then
    return response({ menu(call_id) }, "menu")
  end

  if t == "ACTION_SUCCESSFUL" and event.ActionData.Type == "SpeakAndGetDigits" then
    return on_digits(call_id, attrs.Stage, event.ActionData.ReceivedDigits)
  end

  if t == "ACTION_FAILED" then
    print("action failed: " .. event.ActionData.Type .. ": " .. event.ActionData.ErrorMessage)
    if event.ActionData.ErrorType == "DigitCollectionFailed" then
      -- Every attempt used up: part politely.
      return response({ speak(call_id, "Sorry, I could not understand. Goodbye."),
                        hangup(call_id) })
    end
    return response({ hangup(call_id) })
  end

  -- HANGUP, and ACTION_SUCCESSFUL of the closing Speak: nothing more to do.
  return response({})
end
