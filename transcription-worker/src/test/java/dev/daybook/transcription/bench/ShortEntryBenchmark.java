package dev.daybook.transcription.bench;

import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.audio.WavHeader;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.TimeBudget;
import dev.daybook.transcription.Transcriber;
import dev.daybook.transcription.TranscriptionListener;
import dev.daybook.transcription.TranscriptionMetrics;
import dev.daybook.transcription.TranscriptionRequest;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.FfmpegDecoder;
import dev.daybook.transcription.audio.PassThroughDecoder;
import dev.daybook.transcription.vosk.VoskEngine;
import dev.daybook.transcription.vosk.VoskModelCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.vosk.Model;
import tools.jackson.databind.json.JsonMapper;
import org.vosk.Recognizer;

/**
 * Short diary entries (10–20 s): the worker's per-recording cost against its peer, Vosk decoding the same PCM in
 * a plain loop (one recogniser, half-second blocks, final result), measured interleaved in the same run.
 * Three ways through the worker: the production decoder on the stored 16 kHz mono WAV (ingestion's decoded
 * copy: read as is), the same file forced through ffmpeg (what every job paid before), and the plain loop.
 * Then one stream per core at once, for the aggregate. Start-up = worker wall time minus the plain loop's.
 *
 * <p>Run: {@code make bench-transcription} (after the accuracy benchmark), or this class's {@code main}.
 */
public final class ShortEntryBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One recording: seconds of wall and thread CPU time, of audio, and word errors against the reference. */
    record Timing(double wall, double cpu, double audio, int errors, int words) {
    }

    private final Transcriber passThrough;
    private final Transcriber viaFfmpeg;
    private final Model model;
    private final Model tunedModel;

    ShortEntryBenchmark(VoskEngine engine, Model model, Model tunedModel) {
        FfmpegDecoder ffmpeg = new FfmpegDecoder(new DecodeLimits(Duration.ofHours(1), DecodeLimits.DEFAULT.maxOutputBytes()));
        this.passThrough = transcriber(engine, new PassThroughDecoder(ffmpeg));
        this.viaFfmpeg = transcriber(engine, ffmpeg);
        this.model = model;
        this.tunedModel = tunedModel;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        VoskEngine engine = TestAudio.vosk();
        engine.warmUp();
        VoskModelCache cache = new VoskModelCache(Path.of(System.getProperty("daybook.test.model-cache", "target/vosk-cache")),
                "vosk-model-en-0.3.45", () -> TestAudio.class.getResourceAsStream("/models/vosk-model-en.aar"));
        try (Model model = new Model(cache.modelDir().toString());
             Model tuned = new Model(VoskEngine.BUNDLED_DECODER.modelDir(cache.modelDir()).toString())) {
            ShortEntryBenchmark bench = new ShortEntryBenchmark(engine, model, tuned);
            List<Path> clips = List.of("entry1", "entry2", "entry3").stream()
                    .map(e -> TestAudio.testdata().resolve("diary").resolve(e + ".wav")).toList();
            bench.oneStream(clips, 1); // warm-up: JIT, first recogniser
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.println(bench.oneStream(clips, rounds));
            System.out.println(bench.streamPerCore(clips, rounds));
            System.out.printf(Locale.ROOT, "load average before the timed runs: %.2f on %d cores%n", load,
                    Runtime.getRuntime().availableProcessors());
        }
        engine.close();
    }

    String oneStream(List<Path> clips, int rounds) throws Exception {
        List<Timing> plain = new ArrayList<>();
        List<Timing> plainTuned = new ArrayList<>();
        List<Timing> pass = new ArrayList<>();
        List<Timing> ffmpeg = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Path clip : clips) {
                short[] pcm = pcm(clip);
                String ref = reference(clip);
                plain.add(plainLoop(model, pcm, ref));
                plainTuned.add(plainLoop(tunedModel, pcm, ref));
                pass.add(worker(passThrough, clip));
                ffmpeg.add(worker(viaFfmpeg, clip));
            }
        }
        return String.format(Locale.ROOT, "one stream, %d recordings of %.1f s mean:%n%s%n%s%n%s%n%s",
                plain.size(), mean(plain, Timing::audio), line("plain Vosk loop, model's conf (peer)", plain, plain),
                line("plain Vosk loop, worker's decoder", plainTuned, plain),
                line("worker, stored 16 kHz WAV read as is", pass, plain), line("worker, through ffmpeg", ffmpeg, plain));
    }

    /** One stream per core, each transcribing every clip {@code rounds} times, all at once. */
    String streamPerCore(List<Path> clips, int rounds) throws Exception {
        int streams = Runtime.getRuntime().availableProcessors();
        double[] plain = parallel(streams, () -> {
            for (int r = 0; r < rounds; r++) {
                for (Path clip : clips) {
                    plainLoop(model, pcm(clip), "");
                }
            }
        });
        double[] worker = parallel(streams, () -> {
            for (int r = 0; r < rounds; r++) {
                for (Path clip : clips) {
                    worker(passThrough, clip);
                }
            }
        });
        double audio = 0;
        for (Path clip : clips) {
            audio += WavHeader.read(clip).orElseThrow().seconds();
        }
        audio *= rounds * streams;
        double plainWall = plain[0];
        double workerWall = worker[0];
        return String.format(Locale.ROOT, "%d streams at once (one per core, one shared Model each), %.0f s of audio: "
                        + "plain loop (model's conf) aggregate RTF %.3f (%.1f× real time, CPU RTF per stream %.3f); "
                        + "worker aggregate RTF %.3f (%.1f× real time, CPU RTF per stream %.3f); ratio worker/plain %.2f",
                streams, audio, plainWall / audio, audio / plainWall, plain[1] / audio, workerWall / audio,
                audio / workerWall, worker[1] / audio, workerWall / plainWall);
    }

    static Timing plainLoop(Model model, short[] pcm, String reference) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        try (Recognizer recognizer = new Recognizer(model, 16_000)) {
            recognizer.setWords(true);
            short[] block = new short[8_000];
            for (int i = 0; i < pcm.length; i += block.length) {
                int n = Math.min(block.length, pcm.length - i);
                System.arraycopy(pcm, i, block, 0, n);
                if (recognizer.acceptWaveForm(block, n)) {
                    text.append(' ').append(JSON.readTree(recognizer.getResult()).path("text").asString(""));
                }
            }
            text.append(' ').append(JSON.readTree(recognizer.getFinalResult()).path("text").asString(""));
        }
        return timing(start, cpu, pcm.length / 16_000.0, reference, text.toString());
    }

    private static Timing worker(Transcriber transcriber, Path clip) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Transcript t = transcriber.transcribe(TranscriptionRequest.of(clip), TranscriptionListener.NONE);
        return timing(start, cpu, t.durationS(), reference(clip), t.text());
    }

    private static Timing timing(long start, long cpu, double audio, String reference, String text) {
        List<String> ref = WordErrorRate.words(reference);
        return new Timing((System.nanoTime() - start) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, audio,
                WordErrorRate.errors(ref, WordErrorRate.words(text)), ref.size());
    }

    private static String reference(Path clip) throws Exception {
        return Files.readString(clip.resolveSibling(clip.getFileName().toString().replace(".wav", ".txt"))).strip();
    }

    /** The 16-bit samples of a 16 kHz mono PCM WAV, as the worker reads a stored recording. */
    static short[] pcm(Path wav) throws Exception {
        WavHeader header = WavHeader.read(wav).filter(WavHeader::isAsrPcm).orElseThrow();
        try (InputStream in = header.openSamples(wav)) {
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
    }

    private static String line(String name, List<Timing> runs, List<Timing> peer) {
        double audio = runs.stream().mapToDouble(Timing::audio).sum();
        double wall = runs.stream().mapToDouble(Timing::wall).sum();
        double cpu = runs.stream().mapToDouble(Timing::cpu).sum();
        double start = (wall - peer.stream().mapToDouble(Timing::wall).sum()) / runs.size();
        double wer = runs.stream().mapToDouble(Timing::errors).sum() / runs.stream().mapToDouble(Timing::words).sum();
        return String.format(Locale.ROOT, "  %-40s RTF %.3f (CPU RTF %.3f), %.0f ms per recording, over the peer %+.0f ms, "
                        + "diary WER %.2f %%", name, wall / audio, cpu / audio, 1000 * wall / runs.size(), 1000 * start, 100 * wer);
    }

    private static double mean(List<Timing> runs, ToDoubleFunction<Timing> f) {
        return runs.stream().mapToDouble(f).average().orElse(0);
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} on {@code n} threads at once; returns {wall seconds, CPU seconds of all n threads}. */
    private static double[] parallel(int n, Work work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            long start = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    work.run();
                    return THREADS.getCurrentThreadCpuTime() - cpu;
                }));
            }
            long cpu = 0;
            for (Future<Long> f : futures) {
                cpu += f.get();
            }
            return new double[] {(System.nanoTime() - start) / 1e9, cpu / 1e9};
        }
    }

    private static Transcriber transcriber(VoskEngine engine, AudioDecoder decoder) {
        return new Transcriber(new EngineChain(List.of(engine), Duration.ofMinutes(1), Clock.systemUTC()),
                new EnginePolicy(engine.id(), List.of()), decoder, new TimeBudget(Duration.ofHours(1), 10),
                Duration.ofSeconds(30), new TranscriptionMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }
}
