package dev.daybook.transcription.remote;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What the fake server hears in an upload, answered as OpenAI's verbose_json would be. */
final class Recognisers {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Recognisers() {
    }

    /** Real recognition: the uploaded samples through the Vosk engine the worker ships, language named as OpenAI names it. */
    static FakeTranscriptionServer.Answer vosk(FakeTranscriptionServer.Upload upload) {
        short[] samples = upload.samples();
        try (AsrSession session = TestAudio.vosk().open(null)) {
            session.accept(samples, samples.length);
            List<Transcript.Segment> segments = session.finish();
            List<Map<String, Object>> words = session.words().stream()
                    .map(w -> Map.<String, Object>of("word", w.text(), "start", w.startMs() / 1000.0, "end", w.endMs() / 1000.0))
                    .toList();
            List<Map<String, Object>> segs = new ArrayList<>();
            for (Transcript.Segment s : segments) {
                segs.add(segment(segs.size(), s.startS(), s.endS(), s.text(), Math.log(s.confidence()), 0.02));
            }
            return verbose(String.join(" ", segments.stream().map(Transcript.Segment::text).toList()), "english",
                    samples.length / 16_000.0, segs, words);
        } catch (AsrException e) {
            return new FakeTranscriptionServer.Answer.Json(500, "{\"error\":{\"message\":\"" + e.getMessage() + "\"}}", Map.of());
        }
    }

    /** Exact recognition of synthetic audio: every burst of tone louder than a whisper is the word "beep". */
    static FakeTranscriptionServer.Answer bursts(FakeTranscriptionServer.Upload upload) {
        short[] s = upload.samples();
        List<Map<String, Object>> words = new ArrayList<>();
        int frame = 160;
        int startFrame = -1;
        for (int f = 0; f * frame < s.length; f++) {
            boolean loud = rms(s, f * frame, Math.min(s.length, (f + 1) * frame)) > 1000;
            if (loud && startFrame < 0) {
                startFrame = f;
            } else if (!loud && startFrame >= 0) {
                words.add(Map.of("word", "beep", "start", startFrame * 0.01, "end", f * 0.01));
                startFrame = -1;
            }
        }
        if (startFrame >= 0) {
            words.add(Map.of("word", "beep", "start", startFrame * 0.01, "end", s.length / 16_000.0));
        }
        double seconds = s.length / 16_000.0;
        List<Map<String, Object>> segs = List.of(segment(0, 0, seconds, "beep ".repeat(words.size()).strip(), -0.1, 0.0));
        return verbose("beep ".repeat(words.size()).strip(), "en", seconds, words.isEmpty() ? List.of() : segs, words);
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    static Map<String, Object> segment(int id, double start, double end, String text, double avgLogprob, double noSpeech) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("seek", 0);
        m.put("start", start);
        m.put("end", end);
        m.put("text", " " + text);
        m.put("tokens", List.of(50364, 634, 390));
        m.put("temperature", 0.0);
        m.put("avg_logprob", avgLogprob);
        m.put("compression_ratio", 1.2);
        m.put("no_speech_prob", noSpeech);
        return m;
    }

    static FakeTranscriptionServer.Answer verbose(String text, String language, double duration,
                                                  List<Map<String, Object>> segments, List<Map<String, Object>> words) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", "transcribe");
        body.put("language", language);
        body.put("duration", duration);
        body.put("text", text);
        body.put("segments", segments);
        body.put("words", words);
        return new FakeTranscriptionServer.Answer.Json(200, JSON.writeValueAsString(body), Map.of());
    }

    static FakeTranscriptionServer.Answer status(int status, Map<String, String> headers) {
        return new FakeTranscriptionServer.Answer.Json(status,
                "{\"error\":{\"message\":\"try later\",\"type\":\"server_error\"}}", headers);
    }
}
