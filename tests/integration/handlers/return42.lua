-- return42.lua: returns a number instead of a response table.
function handler(event)
  return 42
end
