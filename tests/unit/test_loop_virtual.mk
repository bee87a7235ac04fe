TEST_SRCS_test_loop_virtual := runtime/loop.c runtime/log.c runtime/clock.c
