-- explode.lua: a response made of 29 small tables that would expand into
-- 2^28 JSON values if shared subtables were copied blindly.
function handler(event)
  local t = { "leaf" }
  for _ = 1, 28 do t = { t, t } end
  return { SchemaVersion = "1.0", Actions = t }
end
