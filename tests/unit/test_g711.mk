TEST_SRCS_test_g711 := runtime/g711.c
