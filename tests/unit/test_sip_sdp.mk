TEST_SRCS_test_sip_sdp := sip/sdp_parse.c runtime/log.c
