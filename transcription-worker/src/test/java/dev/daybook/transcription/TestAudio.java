package dev.daybook.transcription;

import dev.daybook.transcription.vosk.VoskEngine;
import dev.daybook.transcription.vosk.VoskModelCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's test clips and one Vosk engine per test JVM (the model loads in a few seconds, once). */
public final class TestAudio {

    private static VoskEngine vosk;

    private TestAudio() {
    }

    public static Path testdata() {
        return Path.of(System.getProperty("daybook.testdata", "../testdata"));
    }

    public static Path librivox(String id) {
        return testdata().resolve("librivox").resolve(id + ".wav");
    }

    /** Clip id → reference text, from the corpus's {@code transcription} file. */
    public static Map<String, String> librivoxReferences() {
        Pattern line = Pattern.compile("<s>(.*)</s> \\((.*)\\)");
        Map<String, String> refs = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(testdata().resolve("librivox/transcription"))) {
                Matcher m = line.matcher(l);
                if (m.matches()) {
                    refs.put(m.group(2), m.group(1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }

    /** The engine as the worker configures it by default: the bundled model with {@link VoskEngine#BUNDLED_DECODER}. */
    public static synchronized VoskEngine vosk() {
        if (vosk == null) {
            vosk = new VoskEngine(voskModelCache(), "vosk-model-en-0.3.45", "en", VoskEngine.BUNDLED_DECODER,
                    VoskEngine.DEFAULT_PARTIAL_INTERVAL);
        }
        return vosk;
    }

    /** The bundled model, unpacked once under {@code target/}. */
    public static VoskModelCache voskModelCache() {
        return new VoskModelCache(Path.of(System.getProperty("daybook.test.model-cache", "target/vosk-cache")), "vosk-model-en-0.3.45",
                () -> TestAudio.class.getResourceAsStream("/models/vosk-model-en.aar"));
    }
}
