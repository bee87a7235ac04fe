TEST_SRCS_test_collect := runtime/collect.c runtime/regex.c runtime/action.c runtime/utf8.c runtime/loop.c runtime/loop_virtual.c runtime/log.c runtime/clock.c
