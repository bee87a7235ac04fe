TEST_SRCS_test_wav_write := runtime/wav_write.c runtime/wav.c runtime/g711.c runtime/resample.c runtime/audio_clip.c runtime/log.c runtime/clock.c
