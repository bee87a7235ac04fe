TEST_SRCS_test_sip_info := sip/dtmf_info.c
