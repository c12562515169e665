package dev.daybook.transcription.bench;

import dev.daybook.shared.audio.Ffmpeg;

/**
 * Prints the ffmpeg the services would run (the system's, else the one org.bytedeco:ffmpeg ships, extracted), so
 * the benchmark scripts encode their entries with it on a machine that has no ffmpeg installed.
 */
public final class WhichFfmpeg {

    public static void main(String[] args) {
        System.out.println(Ffmpeg.locate().ffmpeg());
    }
}
