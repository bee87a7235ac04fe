-- one_worker.lua - a configuration for cases whose handler keeps state in
-- a global between invocations (e.g. "fail the first attempt only"): with
-- one handler worker every invocation sees the same Lua state. Used as
-- `-- simulate: -c @LIB@/one_worker.lua` in a case file.
return {
  handler = { workers = 1 },
}
