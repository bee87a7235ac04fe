-- spin.lua: never returns; the instruction budget must stop it.
function handler(event)
  while true do end
end
