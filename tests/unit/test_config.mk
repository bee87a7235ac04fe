TEST_SRCS_test_config := runtime/config.c runtime/route.c
