-- A config that forgets to return its table.
local t = { a = 1 }
