TEST_SRCS_test_dtmf := runtime/dtmf.c
