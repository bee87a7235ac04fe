TEST_SRCS_test_wav := runtime/wav.c runtime/g711.c runtime/resample.c runtime/audio_clip.c runtime/clip_cache.c runtime/prompt.c runtime/loop.c runtime/loop_virtual.c runtime/log.c runtime/clock.c
