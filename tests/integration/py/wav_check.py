#!/usr/bin/python3
"""wav_check.py FILE [--min-speech S] - prints a WAV recording's length and
seconds of speech energy; exits 1 when there is less speech than wanted."""
import argparse
import sys

import audio


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wav")
    ap.add_argument("--min-speech", type=float, default=1.5)
    args = ap.parse_args()
    pcm, rate = audio.read_wav(args.wav)
    sp = audio.speech_seconds(pcm, rate)
    print("%s: %.2f s at %d Hz, %.2f s of speech (frame RMS > %.0f)"
          % (args.wav, len(pcm) / rate, rate, sp, audio.SPEECH_RMS))
    if sp < args.min_speech:
        print("FAIL: want >= %.1f s of speech" % args.min_speech)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
