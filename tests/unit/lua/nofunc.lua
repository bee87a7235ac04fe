-- Defines no global handler (a local one does not count).
local function handler(event) return event end
return handler
