-- bad_syntax.lua: does not compile (line 4); callers must get a clean
-- refusal and the CDR must name this file and line.
function handler(event)
  return { SchemaVersion = "1.0", Actions = = {} }
end
