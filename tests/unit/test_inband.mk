TEST_SRCS_test_inband := runtime/inband.c runtime/dtmf.c
