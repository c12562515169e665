package dev.daybook.transcription.whisper;

import java.nio.file.Path;

/**
 * {@code make models MODEL=base.en}: downloads a Whisper model into the model cache and checks its published
 * checksum. The next start of the transcription worker finds it there and prefers it, Vosk staying the
 * fallback. Arguments: {@code <model> [model cache, default .daybook/models] [host]}.
 */
public final class DownloadWhisperModel {

    private DownloadWhisperModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].isBlank()) {
            System.err.println("usage: make models MODEL=<name>; models: " + WhisperModels.publishedChecksums().keySet());
            System.exit(2);
        }
        Path cache = Path.of(args.length > 1 ? args[1] : ".daybook/models");
        WhisperModels models = WhisperModels.published(cache, args.length > 2 ? args[2] : WhisperModels.HOST);
        System.out.println("downloading " + args[0] + " into " + models.file(args[0]) + " …");
        Path file;
        try {
            file = models.download(args[0]);
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("download failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            System.exit(1);
            return;
        }
        System.out.println("ok, SHA-1 checked: " + file + "\nthe transcription worker uses it as engine whisper-" + args[0]
                + " from its next start (Vosk stays the fallback)");
    }
}
