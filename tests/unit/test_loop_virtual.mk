TEST_SRCS_test_loop_virtual := runtime/loop.c runtime/loop_virtual.c runtime/log.c runtime/clock.c
