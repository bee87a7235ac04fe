-- stuck_in_c.lua: spends minutes inside one string.find call, where the
-- interpreter's instruction hook never runs.
function handler(event)
  string.find(string.rep("a", 3000), ".-.-.-.-.-b")
  return { SchemaVersion = "1.0", Actions = {} }
end
