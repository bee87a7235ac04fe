TEST_SRCS_test_route := runtime/route.c runtime/config.c
