TEST_SRCS_test_lua_host := scripts/lua_host.c scripts/lua_sandbox.c scripts/lua_json.c runtime/log.c runtime/clock.c
