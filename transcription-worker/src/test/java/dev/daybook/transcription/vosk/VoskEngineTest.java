package dev.daybook.transcription.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoskEngineTest {

    @Test
    void transcribesLibrivoxWithinTenPercentWordErrorRate() throws Exception {
        StringBuilder refs = new StringBuilder();
        StringBuilder hyps = new StringBuilder();
        for (Map.Entry<String, String> clip : TestAudio.librivoxReferences().entrySet()) {
            refs.append(clip.getValue()).append(' ');
            hyps.append(text(transcribe(clip.getKey()))).append(' ');
        }
        // pooled over the five clips, as WER is usually reported; the design saw about 5.6 %
        assertThat(WordErrorRate.of(refs.toString(), hyps.toString())).isLessThanOrEqualTo(0.10);
    }

    @Test
    void segmentsCarryTimingsInsideTheClipAndConfidences() throws Exception {
        List<Transcript.Segment> segments = transcribe("sense_and_sensibility_01_austen_64kb-0870");
        assertThat(segments).isNotEmpty();
        for (Transcript.Segment s : segments) {
            assertThat(s.startS()).isGreaterThanOrEqualTo(0).isLessThan(s.endS());
            assertThat(s.endS()).isLessThanOrEqualTo(227244 / 32000.0 + 0.1);
            assertThat(s.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void everyWordHasItsTimesInOrderAndAConfidenceAndTheWordsMakeTheSegments() throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0870"));
             AsrSession session = TestAudio.vosk().open(null)) {
            short[] block = new short[4000];
            for (int n; (n = pcm.read(block)) > 0; ) {
                session.accept(block, n);
            }
            List<Transcript.Segment> segments = session.finish();
            List<Transcript.Word> words = session.words();

            assertThat(String.join(" ", words.stream().map(Transcript.Word::text).toList())).isEqualTo(text(segments));
            long previousStart = -1;
            for (Transcript.Word w : words) {
                assertThat(w.startMs()).isGreaterThanOrEqualTo(previousStart).isLessThanOrEqualTo(w.endMs());
                assertThat(w.endMs()).isLessThanOrEqualTo(227244 * 1000L / 32000 + 100);
                assertThat(w.confidence()).isBetween(0.0, 1.0);
                previousStart = w.startMs();
            }
        }
    }

    @Test
    void wordsAreReportedLiveWhileSpeechGoesOnWithoutAPauseEachWordOnce() throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0870"));
             AsrSession session = TestAudio.vosk().open(null)) {
            short[] block = new short[4000];
            List<String> live = new ArrayList<>();
            long samples = 0;
            for (int n; (n = pcm.read(block)) > 0; ) {
                session.accept(block, n);
                samples += n;
                if (samples % 32000 < 4000) { // about every 2 s of audio, as the transcriber asks between chunks
                    live.add(session.recognisedSince());
                }
            }
            String spokenSoFar = String.join(" ", live).trim();
            List<Transcript.Segment> segments = session.finish();
            String all = (spokenSoFar + " " + session.recognisedSince()).trim().replaceAll("\\s+", " ");

            assertThat(live.subList(0, live.size() - 1)).anySatisfy(t -> assertThat(t).isNotBlank());
            // each word went out once: the live words add up to the final transcript, up to Vosk revising itself
            assertThat(WordErrorRate.of(text(segments), all)).isLessThanOrEqualTo(0.25);
        }
    }

    @Test
    void betweenPartialIntervalsOnlyFinishedUtterancesGoOutLive() throws Exception {
        VoskEngine engine = new VoskEngine(TestAudio.voskModelCache(), "vosk-model-en-0.3.45", "en",
                VoskEngine.BUNDLED_DECODER, java.time.Duration.ofHours(1));
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0890"));
             AsrSession session = engine.open(null)) {
            short[] block = new short[4000];
            StringBuilder live = new StringBuilder();
            for (int n; (n = pcm.read(block)) > 0; ) {
                session.accept(block, n);
                live.append(' ').append(session.recognisedSince()); // asked every quarter second
            }
            // no partial hypothesis was read: what went out is exactly the utterances Vosk finished so far
            String finished = String.join(" ", session.words().stream().map(Transcript.Word::text).toList());
            assertThat(live.toString().trim().replaceAll("\\s+", " ")).isEqualTo(finished);
            session.finish();
            assertThat(session.words()).isNotEmpty();
        } finally {
            engine.close();
        }
    }

    @Test
    void theDecoderSettingsReachKaldi() throws Exception {
        String clip = "sense_and_sensibility_01_austen_64kb-0870";
        String reference = TestAudio.librivoxReferences().get(clip);
        // a search starved to a handful of states cannot follow the speech; the configured one can
        VoskEngine starved = new VoskEngine(TestAudio.voskModelCache(), "vosk-model-en-0.3.45", "en",
                new VoskDecoderSettings(1.0, 5, 0.5, 1), VoskEngine.DEFAULT_PARTIAL_INTERVAL);
        try {
            assertThat(WordErrorRate.of(reference, text(transcribe(starved, clip)))).isGreaterThan(0.5);
        } finally {
            starved.close();
        }
        assertThat(WordErrorRate.of(reference, text(transcribe(clip)))).isLessThan(0.2);
    }

    private static List<Transcript.Segment> transcribe(String clip) throws Exception {
        return transcribe(TestAudio.vosk(), clip);
    }

    private static List<Transcript.Segment> transcribe(VoskEngine engine, String clip) throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox(clip));
             AsrSession session = engine.open(null)) {
            short[] block = new short[4000];
            for (int n; (n = pcm.read(block)) > 0; ) {
                session.accept(block, n);
            }
            return new ArrayList<>(session.finish());
        }
    }

    private static String text(List<Transcript.Segment> segments) {
        return String.join(" ", segments.stream().map(Transcript.Segment::text).toList());
    }
}
