TEST_SRCS_test_response := runtime/response.c runtime/action.c actions/hangup.c actions/pause.c actions/play_audio.c actions/speak.c runtime/log.c runtime/clock.c
