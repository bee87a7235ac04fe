-- A syntax error on line 3.
function handler(event)
	return { Ok = = true }
end
