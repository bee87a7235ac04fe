-- A sample configuration: nested tables, sequences and computed values.
local base = 5060

return {
	sip = { listen = "127.0.0.1", port = base, transports = { "udp", "tcp" } },
	media = { rtp_ports = { first = 31000, last = 31000 + 999 }, ptime_ms = 20 },
	limits = { instructions = 10 * 1000 * 1000, memory_bytes = 8 << 20 },
	applications = {
		{ id = "sma-1", handler = "examples/hello.lua", tags = {} },
	},
	debug = false,
}
