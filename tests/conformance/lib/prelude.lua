-- prelude.lua - put in front of every case's handler by run.sh.
--
-- A case's handler is a table from event to response:
--
--   handler = on {
--     NEW_INBOUND_CALL = { pause(100), play("beep.wav") },  -- a list: Actions
--     ACTION_SUCCESSFUL = { hangup() },
--     [5] = function(ev) ... end,      -- by Sequence (wins over the type)
--     HANGUP = {},                     -- anything not listed gets {} too
--   }
--
-- A value is a list of actions (wrapped into {SchemaVersion, Actions}), a
-- whole response made with R(actions, attrs) or raw{...} (sent as it is), a
-- function of the event returning one of those, or NULL (the handler
-- returns nil). The string "@call" anywhere in it becomes LEG-A's CallId.
--
-- Every event is checked against the envelope rules of events.md §6 before
-- the case sees it; check() failures raise "CONF-CHECK: ..." (the handler
-- then fails, and run.sh shows that line).

NULL = setmetatable({}, { __name = "NULL" })
NONE = setmetatable({}, { __name = "NONE" })   -- merge(): remove the field

function check(cond, fmt, ...)
  if not cond then
    error("CONF-CHECK: " .. string.format(fmt, ...), 2)
  end
  return cond
end

-- get(ev, "CallDetails.Participants.1.CallId")
function get(v, path)
  for part in string.gmatch(path, "[^.]+") do
    if type(v) ~= "table" then return nil end
    local n = tonumber(part)
    if n and v[n] ~= nil then v = v[n] else v = v[part] end
  end
  return v
end

function is_digits(s)
  return type(s) == "string" and string.match(s, "^%d+$") ~= nil
end

-- Shallow-deep merge of p into a copy of base; NONE removes a field.
function merge(base, p)
  local out = {}
  for k, v in pairs(base) do out[k] = v end
  for k, v in pairs(p or {}) do
    if v == NONE then out[k] = nil
    elseif type(v) == "table" and type(out[k]) == "table" and v[1] == nil
       and next(v) ~= nil and getmetatable(v) == nil then
      out[k] = merge(out[k], v)
    else out[k] = v end
  end
  return out
end

function R(actions, attrs)
  return { __resp = true, SchemaVersion = "1.0", Actions = actions,
           TransactionAttributes = attrs }
end

function raw(t)
  return { __raw = t }
end

-- An ACTION_FAILED handler: ErrorType must be etype, ErrorMessage must
-- begin with prefix (the spec's exact text, when it gives one) and name
-- the field path `mentions`; then reply (default: hang up with 486).
function fails_with(etype, prefix, mentions, reply)
  return function(ev)
    local d = ev.ActionData
    local msg = d.ErrorMessage or ""
    check(d.ErrorType == etype, "ErrorType is %s, want %s", tostring(d.ErrorType), etype)
    if prefix then
      check(msg:sub(1, #prefix) == prefix,
            "ErrorMessage %q does not begin with %q", msg, prefix)
    end
    if mentions then
      check(msg:find(mentions, 1, true), "ErrorMessage %q does not name %q",
            msg, mentions)
    end
    check(type(d.Parameters) == "table", "ACTION_FAILED without Parameters")
    return reply or { hangup(486) }
  end
end

-- ---- actions ----
local BUCKET = "prompts"

function src(key, bucket)
  return { Type = "S3", BucketName = bucket or BUCKET, Key = key }
end

function play(key, p)
  return { Type = "PlayAudio", Parameters = merge({ CallId = "@call",
    AudioSource = src(key or "beep.wav") }, p) }
end

-- PlayAudio of beep.wav (400 ms) n times: n * 400 ms.
function beeps(n, p)
  return play("beep.wav", merge({ Repeat = n }, p))
end

function pause(ms, p)
  return { Type = "Pause", Parameters = merge({ CallId = "@call",
    DurationInMilliseconds = ms }, p) }
end

function hangup(code, p)
  return { Type = "Hangup", Parameters = merge({ CallId = "@call",
    SipResponseCode = code or 0 }, p) }
end

function speak(text, p)
  return { Type = "Speak", Parameters = merge({ CallId = "@call",
    Text = text or "Hello." }, p) }
end

function recv(regex, between, flush, p)
  return { Type = "ReceiveDigits", Parameters = merge({ CallId = "@call",
    InputDigitsRegex = regex or "^\\d+#$",
    InBetweenDigitsDurationInMilliseconds = between or 500,
    FlushDigitsDurationInMilliseconds = flush or 5000 }, p) }
end

function send(digits, p)
  return { Type = "SendDigits", Parameters = merge({ CallId = "@call",
    Digits = digits or "1" }, p) }
end

function pagd(p)
  return { Type = "PlayAudioAndGetDigits", Parameters = merge({
    CallId = "@call", AudioSource = src("beep.wav"),
    FailureAudioSource = src("beep.wav"),
    RepeatDurationInMilliseconds = 2000 }, p) }
end

function sagd(p)
  return { Type = "SpeakAndGetDigits", Parameters = merge({
    CallId = "@call", SpeechParameters = { Text = "Enter digits." },
    FailureSpeechParameters = { Text = "Try again." },
    RepeatDurationInMilliseconds = 2000 }, p) }
end

function record(p)
  return { Type = "RecordAudio", Parameters = merge({ CallId = "@call",
    DurationInSeconds = 2, RecordingTerminators = { "#" },
    RecordingDestination = { Type = "S3", BucketName = "rec" } }, p) }
end

function startrec(p)
  return { Type = "StartCallRecording", Parameters = merge({
    CallId = "@call", Track = "BOTH",
    Destination = { Type = "S3", Location = "rec/calls" } }, p) }
end

function stoprec(p)
  return { Type = "StopCallRecording", Parameters = merge({ CallId = "@call" }, p) }
end

function pauserec(p)
  return { Type = "PauseCallRecording", Parameters = merge({ CallId = "@call" }, p) }
end

function resumerec(p)
  return { Type = "ResumeCallRecording", Parameters = merge({ CallId = "@call" }, p) }
end

-- ---- envelope rules every event must keep (events.md §6, §7) ----
local WITH_DATA = { ACTION_SUCCESSFUL = true, ACTION_FAILED = true,
  ACTION_INTERRUPTED = true, HANGUP = true, DIGITS_RECEIVED = true,
  CALL_UPDATE_REQUESTED = true, INVALID_LAMBDA_RESPONSE = true }

function envelope_check(ev)
  local t = ev.InvocationEventType
  check(ev.SchemaVersion == "1.0", "SchemaVersion is %s", tostring(ev.SchemaVersion))
  check(math.type(ev.Sequence) == "integer" and ev.Sequence >= 1,
        "Sequence is %s (%s)", tostring(ev.Sequence), type(ev.Sequence))
  check(type(t) == "string", "InvocationEventType missing")
  check(ev.InvocationEvent == nil, "InvocationEvent spelling emitted")
  if WITH_DATA[t] then
    check(type(ev.ActionData) == "table", "%s without ActionData", t)
    check(t == "INVALID_LAMBDA_RESPONSE" or type(ev.ActionData.Type) == "string",
          "%s: ActionData.Type missing", t)
  else
    check(ev.ActionData == nil, "%s carries ActionData", t)
  end
  local cd = ev.CallDetails
  check(type(cd) == "table", "no CallDetails")
  check(type(cd.TransactionId) == "string" and #cd.TransactionId > 0,
        "CallDetails.TransactionId missing")
  check(type(cd.AwsAccountId) == "string", "AwsAccountId missing")
  check(type(cd.AwsRegion) == "string", "AwsRegion missing")
  check(type(cd.SipMediaApplicationId) == "string", "SipMediaApplicationId missing")
  check(cd.SipApplicationId == nil, "SipApplicationId spelling emitted")
  check(type(cd.Participants) == "table" and #cd.Participants >= 1,
        "no Participants")
  for i, p in ipairs(cd.Participants) do
    check(type(p.CallId) == "string" and #p.CallId > 0, "Participants[%d].CallId", i)
    check(p.ParticipantTag == "LEG-A" or p.ParticipantTag == "LEG-B",
          "Participants[%d].ParticipantTag is %s", i, tostring(p.ParticipantTag))
    check(p.Direction == "Inbound" or p.Direction == "Outbound",
          "Participants[%d].Direction is %s", i, tostring(p.Direction))
    check(is_digits(p.StartTimeInMilliseconds),
          "Participants[%d].StartTimeInMilliseconds is %s (%s), want a string of digits",
          i, tostring(p.StartTimeInMilliseconds), type(p.StartTimeInMilliseconds))
    check(p.Status == "Connected" or p.Status == "Disconnected",
          "Participants[%d].Status is %s", i, tostring(p.Status))
  end
  if cd.TransactionAttributes ~= nil then
    check(type(cd.TransactionAttributes) == "table" and
          next(cd.TransactionAttributes) ~= nil,
          "TransactionAttributes present but empty")
  end
  if t == "INVALID_LAMBDA_RESPONSE" then
    check(type(ev.ErrorType) == "string", "top-level ErrorType missing")
    check(type(ev.ErrorMessage) == "string", "top-level ErrorMessage missing")
    check(ev.ActionData.ErrorType == ev.ErrorType, "ActionData.ErrorType differs")
    check(ev.ActionData.ErrorMessage == ev.ErrorMessage, "ActionData.ErrorMessage differs")
  end
  if t == "ACTION_FAILED" then
    check(type(ev.ActionData.ErrorType) == "string", "ACTION_FAILED without ErrorType")
    check(type(ev.ActionData.ErrorMessage) == "string", "ACTION_FAILED without ErrorMessage")
  end
  if t == "HANGUP" then
    local p = ev.ActionData.Parameters or {}
    check(ev.ActionData.Type == "Hangup", "HANGUP ActionData.Type is %s", ev.ActionData.Type)
    check(math.type(p.SipResponseCode) == "integer", "HANGUP SipResponseCode is %s",
          tostring(p.SipResponseCode))
    check(type(p.CallId) == "string", "HANGUP Parameters.CallId missing")
    check(type(p.ParticipantTag) == "string", "HANGUP Parameters.ParticipantTag missing")
  end
end

-- ---- the dispatcher ----
local function subst(v, cid)
  if v == "@call" then return cid end
  if type(v) ~= "table" or getmetatable(v) then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = subst(x, cid) end
  return out
end

local function is_list(t)
  return type(t) == "table" and (t[1] ~= nil or next(t) == nil)
end

function respond(r, ev)
  local cid = ev.CallDetails.Participants[1].CallId
  if r == NULL then return nil end
  if type(r) ~= "table" then return r end
  if r.__raw ~= nil then return subst(r.__raw, cid) end
  if r.__resp then
    r = subst(r, cid)
    r.__resp = nil
    return r
  end
  if is_list(r) then return { SchemaVersion = "1.0", Actions = subst(r, cid) } end
  return subst(r, cid)
end

function on(t)
  return function(ev)
    envelope_check(ev)
    local r = t[ev.Sequence]
    if r == nil then r = t[ev.InvocationEventType] end
    if r == nil then r = t.default end
    if type(r) == "function" then r = r(ev) end
    if r == nil then r = {} end
    return respond(r, ev)
  end
end
