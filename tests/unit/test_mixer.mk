TEST_SRCS_test_mixer := runtime/media.c runtime/mixer.c runtime/rtp.c runtime/jbuf.c runtime/g711.c runtime/audio_clip.c runtime/dtmf.c runtime/inband.c runtime/loop.c runtime/log.c runtime/clock.c
