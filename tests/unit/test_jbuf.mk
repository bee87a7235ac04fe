TEST_SRCS_test_jbuf := runtime/jbuf.c
