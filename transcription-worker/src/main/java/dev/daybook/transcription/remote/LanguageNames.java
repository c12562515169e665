package dev.daybook.transcription.remote;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * OpenAI's {@code verbose_json} names the detected language in English ({@code english}, {@code german});
 * faster-whisper servers give the code ({@code en}). Either becomes an ISO 639-1 code, or null when it is
 * neither — a transcript's language is what was recognised, never a guess.
 */
final class LanguageNames {

    private static final Map<String, String> BY_NAME = Stream.of(Locale.getISOLanguages())
            .collect(Collectors.toMap(code -> Locale.of(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT),
                    Function.identity(), (a, b) -> a));

    private LanguageNames() {
    }

    static String toCode(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String l = language.strip().toLowerCase(Locale.ROOT);
        if (l.length() == 2 && BY_NAME.containsValue(l)) {
            return l;
        }
        return BY_NAME.get(l);
    }
}
