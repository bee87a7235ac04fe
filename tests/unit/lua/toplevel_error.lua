-- Fails while loading; check() compiles it without running it.
error("boom at load")
function handler(event) return {} end
