TEST_SRCS_test_speech := runtime/speech.c runtime/clip_cache.c runtime/resample.c runtime/audio_clip.c runtime/loop.c runtime/loop_virtual.c runtime/log.c runtime/clock.c tts/espeak.c tts/voices.c
