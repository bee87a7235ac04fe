TEST_SRCS_test_jbuf := tests/unit/alloc_count.c runtime/jbuf.c
