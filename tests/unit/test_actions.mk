TEST_SRCS_test_actions := runtime/action.c actions/hangup.c actions/pause.c actions/play_audio.c actions/speak.c runtime/log.c runtime/clock.c
