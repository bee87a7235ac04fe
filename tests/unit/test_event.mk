TEST_SRCS_test_event := runtime/event.c
