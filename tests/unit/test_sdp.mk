TEST_SRCS_test_sdp := runtime/sdp.c
