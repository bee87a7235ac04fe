TEST_SRCS_test_rtp := runtime/rtp.c
