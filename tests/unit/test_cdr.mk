TEST_SRCS_test_cdr := runtime/cdr.c runtime/cdr_write.c runtime/cdr_query.c runtime/cli_cdr.c runtime/loop.c runtime/loop_virtual.c runtime/log.c runtime/clock.c
