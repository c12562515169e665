package dev.daybook.transcription.bench;

import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.Transcriber;
import dev.daybook.transcription.TimeBudget;
import dev.daybook.transcription.TranscriptionListener;
import dev.daybook.transcription.TranscriptionMetrics;
import dev.daybook.transcription.TranscriptionRequest;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.FfmpegDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Accuracy and speed of the default engine on this machine: word error rate against the references of
 * the LibriVox clips and the diary entries, and real-time factor (processing time / audio length) for one
 * stream and for two concurrent streams sharing one model. Writes a Markdown report.
 *
 * <p>Run: {@code ./mvnw -q -pl transcription-worker -am -Pbench -DskipTests test}
 * (arguments through {@code -Dbench.out=...} and {@code -Dbench.rounds=...}).
 */
public final class TranscriptionBenchmark {

    record Clip(String set, String name, Path audio, String reference) {
    }

    /** One transcription: wall-clock seconds, and CPU seconds of the thread that ran it (the engine runs on it). */
    record Run(Clip clip, Transcript transcript, double seconds, double cpuSeconds) {

        double wer() {
            return WordErrorRate.of(clip.reference, transcript.text());
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Transcriber transcriber;
    private final AsrEngine engine;

    TranscriptionBenchmark(AsrEngine engine, AudioDecoder decoder) {
        this.engine = engine;
        this.transcriber = new Transcriber(new EngineChain(List.of(engine), Duration.ofMinutes(1), Clock.systemUTC()),
                new EnginePolicy(engine.id(), List.of()), decoder, new TimeBudget(Duration.ofHours(1), 10),
                Duration.ofSeconds(30), new TranscriptionMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "../docs/benchmarks-transcription.md"));
        int rounds = Integer.getInteger("bench.rounds", 3);
        TranscriptionBenchmark bench = new TranscriptionBenchmark(TestAudio.vosk(),
                new FfmpegDecoder(new DecodeLimits(Duration.ofHours(1), DecodeLimits.DEFAULT.maxOutputBytes())));
        List<Clip> clips = clips();
        bench.run(clips.getFirst()); // loads the model; not timed
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Run> single = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Clip c : clips) {
                single.add(bench.run(c));
            }
        }
        List<List<Run>> streams = bench.concurrently(clips, 2);
        int longMinutes = Integer.getInteger("bench.long-minutes", 8);
        String longRun = longMinutes > 0 ? bench.longRecording(clips, longMinutes) : "";
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = bench.report(clips, single, rounds, streams) + longRun
                + String.format(Locale.ROOT, "%nSystem load average (1 min) before / after the timed runs: %.2f / %.2f on %d cores. "
                + "Wall-clock RTF includes waiting for a core when the machine is shared; CPU RTF (thread CPU time / audio) "
                + "does not, and is the figure to compare across runs.%n%n"
                + "Reading the figures: WER is pooled over each set (errors / reference words). The diary entries are "
                + "espeak-ng synthetic speech, harder for an acoustic model trained on human voices than the LibriVox "
                + "read speech. Short clips pay a fixed cost per recording (recogniser start, final flush), so their RTF "
                + "is above the long recording's. In the long run the Java heap stays flat; the native memory of the "
                + "recogniser grows with the audio of the current stretch and levels off after about ten minutes, "
                + "which is consistent with Vosk rebuilding its feature pipeline every ~10 minutes of audio.%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, keptHead(out) + report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath().normalize());
        TestAudio.vosk().close();
    }

    static List<Clip> clips() throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (Map.Entry<String, String> e : TestAudio.librivoxReferences().entrySet()) {
            clips.add(new Clip("librivox", e.getKey(), TestAudio.librivox(e.getKey()), e.getValue()));
        }
        for (String entry : List.of("entry1", "entry2", "entry3")) {
            Path dir = TestAudio.testdata().resolve("diary");
            clips.add(new Clip("diary", entry + ".wav", dir.resolve(entry + ".wav"),
                    Files.readString(dir.resolve(entry + ".txt")).strip()));
        }
        // the same entries as uploaded in other formats (44.1 kHz stereo sources, downmixed and resampled by ffmpeg)
        for (String file : List.of("entry1.mp3", "entry1.ogg", "entry1.flac", "entry1.m4a", "entry2.webm",
                "entry2-stereo-44k.wav")) {
            Path dir = TestAudio.testdata().resolve("diary");
            clips.add(new Clip("diary-formats", file, dir.resolve(file),
                    Files.readString(dir.resolve(file.substring(0, 6) + ".txt")).strip()));
        }
        return clips;
    }

    Run run(Clip clip) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Transcript t = transcriber.transcribe(TranscriptionRequest.of(clip.audio()), TranscriptionListener.NONE);
        return new Run(clip, t, (System.nanoTime() - start) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /** Each stream transcribes every clip once, all streams at the same time; returns the runs per stream. */
    List<List<Run>> concurrently(List<Clip> clips, int n) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<List<Run>>> futures = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                futures.add(pool.submit(() -> clips.stream().map(this::run).toList()));
            }
            List<List<Run>> results = new ArrayList<>();
            for (Future<List<Run>> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    static final String MARKER = "<!-- TranscriptionBenchmark rewrites everything below this line on each run -->";

    /** The page's hand-written part (up to the marker) survives a run; only the generated part is replaced. */
    static String keptHead(Path page) throws java.io.IOException {
        String existing = Files.exists(page) ? Files.readString(page) : "";
        int at = existing.indexOf(MARKER);
        return at >= 0 ? existing.substring(0, at + MARKER.length()) + "\n\n"
                : "# Transcription benchmark\n\n" + MARKER + "\n\n";
    }

    String report(List<Clip> clips, List<Run> single, int rounds, List<List<Run>> streams) {
        StringBuilder md = new StringBuilder();
        md.append("## Latest run of `TranscriptionBenchmark`\n\n");
        md.append("Measured by `TranscriptionBenchmark` (`./mvnw -q -pl transcription-worker -am -Pbench -DskipTests test`).\n\n");
        md.append(String.format(Locale.ROOT, "- Date: %s%n- Machine: %s, %d cores visible to the JVM, %s%n- JVM: %s %s%n"
                        + "- Engine: %s, model `%s`; audio decoded by ffmpeg (%s) as in production, included in the timings%n%n",
                LocalDate.now(), cpuModel(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), engine.name(), engine.model(),
                dev.daybook.shared.audio.Ffmpeg.locate().source()));
        md.append("## Accuracy (word error rate, first round)\n\n| set | clip | audio s | WER | transcript |\n|---|---|---:|---:|---|\n");
        List<Run> first = single.subList(0, clips.size());
        for (Run r : first) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.1f %% | %s |%n", r.clip.set, r.clip.name,
                    r.transcript.durationS(), 100 * r.wer(), r.transcript.text()));
        }
        md.append('\n');
        for (String set : List.of("librivox", "diary", "diary-formats")) {
            md.append(String.format(Locale.ROOT, "- **%s pooled WER: %.2f %%** (errors over all reference words of the set)%n",
                    set, 100 * pooledWer(first.stream().filter(r -> r.clip.set.equals(set)).toList())));
        }
        md.append("\n## Speed (real-time factor = processing time / audio length; lower is faster)\n\n");
        md.append(String.format(Locale.ROOT, "- One stream, %d rounds over the %d clips: audio %.1f s, wall %.2f s, "
                + "**RTF %.3f** (CPU RTF %.3f)%n", rounds, clips.size(), audio(single), processing(single),
                processing(single) / audio(single), cpu(single) / audio(single)));
        double wall = streams.stream().mapToDouble(TranscriptionBenchmark::processing).max().orElse(0);
        double total = streams.stream().mapToDouble(TranscriptionBenchmark::audio).sum();
        for (int s = 0; s < streams.size(); s++) {
            List<Run> runs = streams.get(s);
            md.append(String.format(Locale.ROOT, "- %d concurrent streams, stream %d: audio %.1f s, wall %.2f s, **RTF %.3f** (CPU RTF %.3f)%n",
                    streams.size(), s + 1, audio(runs), processing(runs), processing(runs) / audio(runs), cpu(runs) / audio(runs)));
        }
        md.append(String.format(Locale.ROOT, "- %d concurrent streams, aggregate: %.1f s of audio in %.2f s of wall time, "
                + "**aggregate RTF %.3f** (%.1f× real time)%n", streams.size(), total, wall, wall / total, total / wall));
        return md.toString();
    }

    /**
     * Memory over a long recording: the diary entries repeated to {@code minutes} of speech, streamed through
     * the same transcriber; the resident set size is sampled at every chunk (30 s of audio).
     */
    String longRecording(List<Clip> clips, int minutes) throws IOException {
        List<Path> files = clips.stream().filter(c -> c.set.equals("diary")).map(Clip::audio).toList();
        LoopingDecoder looping = new LoopingDecoder(files, minutes * 60.0);
        Transcriber longTranscriber = new Transcriber(
                new EngineChain(List.of(engine), Duration.ofMinutes(1), Clock.systemUTC()),
                new EnginePolicy(engine.id(), List.of()), looping, new TimeBudget(Duration.ofHours(1), 10),
                Duration.ofSeconds(30), new TranscriptionMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        List<String> samples = new ArrayList<>();
        TranscriptionListener sampler = new TranscriptionListener() {
            int chunks;

            @Override
            public void progress(double fraction) {
                if (++chunks % 2 == 0) { // every minute of audio
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    samples.add(String.format(Locale.ROOT, "| %d | %d | %d |", chunks / 2, rssKiB() / 1024, heap >> 20));
                }
            }
        };
        long start = System.nanoTime();
        Transcript t = longTranscriber.transcribe(new TranscriptionRequest(Path.of("long"),
                dev.daybook.shared.jobs.Priority.NORMAL, minutes * 60.0, null), sampler);
        double wall = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%n## Long recording (memory)%n%n%.0f s of speech (the diary entries repeated), "
                        + "%d segments, %d words, wall %.1f s (RTF %.3f). Sampled after each minute of audio, after a GC "
                        + "(the benchmark runs inside Maven's JVM, so the RSS includes Maven):%n%n"
                        + "| audio minute | process RSS MiB | Java heap used MiB |%n|---:|---:|---:|%n%s%n",
                t.durationS(), t.segments().size(), WordErrorRate.words(t.text()).size(), wall, wall / t.durationS(),
                String.join("\n", samples));
    }

    private static long rssKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    static double pooledWer(List<Run> runs) {
        int errors = 0;
        int words = 0;
        for (Run r : runs) {
            List<String> ref = WordErrorRate.words(r.clip.reference);
            errors += WordErrorRate.errors(ref, WordErrorRate.words(r.transcript.text()));
            words += ref.size();
        }
        return words == 0 ? 0 : (double) errors / words;
    }

    static double audio(List<Run> runs) {
        return runs.stream().mapToDouble(r -> r.transcript.durationS()).sum();
    }

    static double cpu(List<Run> runs) {
        return runs.stream().mapToDouble(Run::cpuSeconds).sum();
    }

    static double processing(List<Run> runs) {
        return runs.stream().mapToDouble(Run::seconds).sum();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%.0f GiB RAM", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
}
