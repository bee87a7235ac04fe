-- Echoes fields of a nested event back, with their Lua types.
local calls = 0

function handler(event)
	calls = calls + 1
	local p = event.CallDetails.Participants
	return {
		CallId = p[1].CallId,
		SecondTag = p[2].ParticipantTag,
		Participants = #p,
		Sequence = event.Sequence,
		SequenceType = math.type(event.Sequence),
		Ratio = event.Ratio,
		RatioType = math.type(event.Ratio),
		Answered = event.Answered,
		HasActionData = event.ActionData ~= nil,
		Calls = calls,
	}
end
