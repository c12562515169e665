package dev.daybook.transcription;

import dev.daybook.transcription.whisper.WhisperModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines this worker runs, in fallback order: Whisper models found in the model cache ({@code make models
 * MODEL=…} puts them there), largest first, ahead of the configured {@code engines}, so that downloading a
 * model is all it takes to switch Whisper on and Vosk stays the fallback. {@code cached-whisper: false} turns
 * that off; a cached model already named in {@code engines} keeps its configured place.
 *
 * @param ids          engine ids, the first being the default
 * @param cachedModels cached Whisper model files by engine id ({@code whisper-base.en})
 */
record EngineLineup(List<String> ids, Map<String, Path> cachedModels) {

    static EngineLineup of(TranscriptionProperties p) {
        Map<String, Path> cached = new LinkedHashMap<>();
        if (p.cachedWhisper()) {
            WhisperModels models = WhisperModels.published(p.modelCache(), WhisperModels.HOST);
            for (String name : models.installed()) {
                if (!p.whisper().containsKey(name)) {
                    cached.put("whisper-" + name, models.file(name));
                }
            }
        }
        List<String> ids = new ArrayList<>(cached.keySet().stream().filter(id -> !p.engines().contains(id)).toList());
        ids.addAll(p.engines());
        return new EngineLineup(List.copyOf(ids), Map.copyOf(cached));
    }
}
