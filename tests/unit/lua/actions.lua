-- Builds responses of every shape the converter must handle.
local shapes = {}

function shapes.speak()
	return {
		SchemaVersion = "1.0",
		Actions = {
			{ Type = "Speak",
			  Parameters = { Text = "Hello", CallId = "c-1", Engine = "neural" } },
			{ Type = "Hangup", Parameters = { SipResponseCode = "0" } },
		},
		TransactionAttributes = { Caller = "+14155550100", Attempts = 2 },
	}
end

function shapes.empty() return { SchemaVersion = "1.0", Actions = {} } end
function shapes.numbers() return { Int = 3, Float = 1.0, Half = 0.5 } end
function shapes.sparse() return { "a", "b", [5] = "e" } end
function shapes.function_inside()
	return { Actions = { { Type = "Speak", Parameters = { Text = "x" } },
			     { Type = "Speak", Parameters = { Text = print } } } }
end
function shapes.cycle() local t = { Name = "loop" }; t.Self = t; return t end
function shapes.nan() return { Volume = 0/0 } end
function shapes.dup_key() return { [1] = "n", ["1"] = "s", [3] = "x" } end
function shapes.float_key() return { [1.5] = "x" } end
function shapes.deep()
	local t = {}
	for _ = 1, 40 do t = { Inner = t } end
	return t
end
function shapes.explode()
	-- 29 small tables, but 2^28 paths through them.
	local t = { "leaf" }
	for _ = 1, 28 do t = { t, t } end
	return { Actions = t }
end
function shapes.shared()
	local p = { Text = "same" }
	return { A = p, B = p }
end
function shapes.none() return nil end
function shapes.nothing() end

function handler(event)
	return shapes[event.Shape]()
end
