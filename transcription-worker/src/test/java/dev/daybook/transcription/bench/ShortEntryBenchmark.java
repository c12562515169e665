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

    record Timing(double wall, double cpu, double audio) {
    }

    private final Transcriber passThrough;
    private final Transcriber viaFfmpeg;
    private final Model model;

    ShortEntryBenchmark(VoskEngine engine, Model model) {
        FfmpegDecoder ffmpeg = new FfmpegDecoder(new DecodeLimits(Duration.ofHours(1), DecodeLimits.DEFAULT.maxOutputBytes()));
        this.passThrough = transcriber(engine, new PassThroughDecoder(ffmpeg));
        this.viaFfmpeg = transcriber(engine, ffmpeg);
        this.model = model;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        VoskEngine engine = TestAudio.vosk();
        engine.warmUp();
        VoskModelCache cache = new VoskModelCache(Path.of(System.getProperty("daybook.test.model-cache", "target/vosk-cache")),
                "vosk-model-en-0.3.45", () -> TestAudio.class.getResourceAsStream("/models/vosk-model-en.aar"));
        try (Model model = new Model(cache.modelDir().toString())) {
            ShortEntryBenchmark bench = new ShortEntryBenchmark(engine, model);
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
        List<Timing> pass = new ArrayList<>();
        List<Timing> ffmpeg = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Path clip : clips) {
                short[] pcm = pcm(clip);
                plain.add(plainLoop(pcm));
                pass.add(worker(passThrough, clip));
                ffmpeg.add(worker(viaFfmpeg, clip));
            }
        }
        return String.format(Locale.ROOT, "one stream, %d recordings of %.1f s mean:%n%s%n%s%n%s",
                plain.size(), mean(plain, Timing::audio), line("plain Vosk loop (peer)", plain, plain),
                line("worker, stored 16 kHz WAV read as is", pass, plain), line("worker, through ffmpeg", ffmpeg, plain));
    }

    /** One stream per core, each transcribing every clip {@code rounds} times, all at once. */
    String streamPerCore(List<Path> clips, int rounds) throws Exception {
        int streams = Runtime.getRuntime().availableProcessors();
        double plainWall = parallel(streams, () -> {
            for (int r = 0; r < rounds; r++) {
                for (Path clip : clips) {
                    plainLoop(pcm(clip));
                }
            }
        });
        double workerWall = parallel(streams, () -> {
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
        return String.format(Locale.ROOT, "%d streams at once (one per core), %.0f s of audio: plain loop aggregate RTF %.3f "
                        + "(%.1f× real time); worker aggregate RTF %.3f (%.1f× real time); ratio worker/plain %.2f",
                streams, audio, plainWall / audio, audio / plainWall, workerWall / audio, audio / workerWall, workerWall / plainWall);
    }

    private Timing plainLoop(short[] pcm) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (Recognizer recognizer = new Recognizer(model, 16_000)) {
            recognizer.setWords(true);
            short[] block = new short[8_000];
            for (int i = 0; i < pcm.length; i += block.length) {
                int n = Math.min(block.length, pcm.length - i);
                System.arraycopy(pcm, i, block, 0, n);
                recognizer.acceptWaveForm(block, n);
            }
            recognizer.getFinalResult();
        }
        return new Timing((System.nanoTime() - start) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, pcm.length / 16_000.0);
    }

    private static Timing worker(Transcriber transcriber, Path clip) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        double audio = transcriber.transcribe(TranscriptionRequest.of(clip), TranscriptionListener.NONE).durationS();
        return new Timing((System.nanoTime() - start) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, audio);
    }

    private static short[] pcm(Path wav) throws Exception {
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
        return String.format(Locale.ROOT, "  %-40s RTF %.3f (CPU RTF %.3f), %.0f ms per recording, start-up over the loop %+.0f ms",
                name, wall / audio, cpu / audio, 1000 * wall / runs.size(), 1000 * start);
    }

    private static double mean(List<Timing> runs, ToDoubleFunction<Timing> f) {
        return runs.stream().mapToDouble(f).average().orElse(0);
    }

    interface Work {
        void run() throws Exception;
    }

    private static double parallel(int n, Work work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            long start = System.nanoTime();
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Transcriber transcriber(VoskEngine engine, AudioDecoder decoder) {
        return new Transcriber(new EngineChain(List.of(engine), Duration.ofMinutes(1), Clock.systemUTC()),
                new EnginePolicy(engine.id(), List.of()), decoder, new TimeBudget(Duration.ofHours(1), 10),
                Duration.ofSeconds(30), new TranscriptionMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }
}
