-- Runaway code of several kinds; a normal call proves the state still works.
hog = hog or {}

function handler(event)
	local mode = event.Mode
	if mode == "spin" then
		while true do end
	elseif mode == "spin_in_pcall" then
		-- A budget error must not be swallowed by the script's own pcall.
		local ok = pcall(function() while true do end end)
		return { Caught = not ok }
	elseif mode == "spin_in_xpcall" then
		-- Nor can a message handler rewrite it.
		xpcall(function() while true do end end,
		       function() return "hidden" end)
		return { Caught = true }
	elseif mode == "table_bomb" then
		while true do hog[#hog + 1] = { #hog } end
	elseif mode == "long_error" then
		error(string.rep("x", 2000))
	elseif mode == "string_bomb" then
		return { S = string.rep("x", 1 << 30) }
	elseif mode == "bomb_in_pcall" then
		local ok = pcall(string.rep, "x", 1 << 30)
		return { Caught = ok }
	end
	return { Ok = true, Hog = #hog }
end
