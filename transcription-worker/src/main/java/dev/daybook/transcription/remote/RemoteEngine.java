package dev.daybook.transcription.remote;

import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.audio.PauseSplitter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * An engine on another machine, reached through {@code POST /v1/audio/transcriptions} ({@link TranscriptionsClient}).
 *
 * <p>A session spools the PCM it is fed to a temporary file (memory stays flat), and at {@link AsrSession#finish()}
 * sends it as WAV — in pieces cut at pauses ({@link PauseSplitter}) when the whole would pass the server's
 * upload limit — and joins the answers: each piece's words and segments moved by the piece's start. The
 * transcript's language is the one the server recognised (or was told to transcribe).
 */
public final class RemoteEngine implements AsrEngine {

    /** Room left in an upload for the WAV header and the form around it. */
    private static final int FORM_OVERHEAD = 4096;

    private final RemoteSettings settings;
    private final TranscriptionsClient client;
    private final RemoteBudget budget;
    private final Path spoolDir;

    public RemoteEngine(RemoteSettings settings, JsonMapper json, DailyLedger ledger, Path spoolDir) {
        this.settings = settings;
        this.client = new TranscriptionsClient(settings, json);
        this.budget = new RemoteBudget(ledger, settings);
        this.spoolDir = spoolDir;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public Set<String> languages() {
        return settings.languages().isEmpty() ? Set.of(TranscribableLanguages.ANY) : settings.languages();
    }

    @Override
    public AsrSession open(String language) throws AsrException {
        budget.check();
        try {
            Files.createDirectories(spoolDir);
            return new Session(Files.createTempFile(spoolDir, settings.id() + "-", ".pcm"), language);
        } catch (IOException e) {
            throw new AsrException(settings.id() + ": cannot spool the audio: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    long maxPieceSamples() {
        return (settings.maxUploadBytes() - FORM_OVERHEAD) / 2;
    }

    private final class Session implements AsrSession {
        private final Path spool;
        private final OutputStream out;
        private final String hint;
        private final byte[] bytes = new byte[AsrEngine.SAMPLE_RATE * 2];
        private List<Transcript.Word> words = List.of();
        private String language;

        Session(Path spool, String hint) throws IOException {
            this.spool = spool;
            this.out = new BufferedOutputStream(Files.newOutputStream(spool), 256 * 1024);
            this.hint = hint;
        }

        @Override
        public void accept(short[] samples, int count) throws AsrException {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples, 0, count);
            try {
                out.write(bytes, 0, count * 2);
            } catch (IOException e) {
                throw new AsrException(settings.id() + ": cannot spool the audio: " + e.getMessage(), e);
            }
        }

        @Override
        public List<Transcript.Segment> finish() throws AsrException {
            try {
                out.close();
                try (FileChannel channel = FileChannel.open(spool)) {
                    ShortBuffer pcm = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                            .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                    return transcribePieces(pcm);
                }
            } catch (IOException e) {
                throw new AsrException(settings.id() + ": cannot read the spooled audio: " + e.getMessage(), e);
            }
        }

        private List<Transcript.Segment> transcribePieces(ShortBuffer pcm) throws AsrException {
            List<Long> cuts = PauseSplitter.cuts(pcm, maxPieceSamples());
            List<Transcript.Segment> segments = new ArrayList<>();
            List<Transcript.Word> joined = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.size(); i++) {
                long from = cuts.get(i);
                long to = cuts.get(i + 1);
                VerboseTranscription answer = client.transcribe(wav(pcm, from, to), hint);
                budget.charge(to - from);
                long offsetMs = from * 1000 / AsrEngine.SAMPLE_RATE;
                segments.addAll(answer.segmentsAt(offsetMs));
                joined.addAll(answer.wordsAt(offsetMs));
                if (language == null) {
                    language = LanguageNames.toCode(answer.language());
                }
            }
            words = List.copyOf(joined);
            return List.copyOf(segments);
        }

        @Override
        public List<Transcript.Word> words() {
            return words;
        }

        /** What the server recognised; the hint it was given when it names none we know. */
        @Override
        public String language() {
            if (language != null) {
                return language;
            }
            return hint == null || hint.isBlank() ? null : TranscribableLanguages.primary(hint);
        }

        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Samples [from, to) as a canonical 16 kHz mono 16-bit WAV file. */
    static byte[] wav(ShortBuffer pcm, long from, long to) {
        int samples = (int) (to - from);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(AsrEngine.SAMPLE_RATE).putInt(AsrEngine.SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort(pcm.get((int) (from + i)));
        }
        return b.array();
    }
}
