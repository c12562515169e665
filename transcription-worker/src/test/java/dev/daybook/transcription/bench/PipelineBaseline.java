package dev.daybook.transcription.bench;

import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.vosk.VoskEngine;
import dev.daybook.transcription.vosk.VoskModelCache;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.DoubleAdder;
import org.vosk.Model;

/**
 * The engine's own limit for {@code make bench-pipeline}: the same recordings decoded by bare Vosk — the plain
 * loop of {@link ShortEntryBenchmark} with the worker's decoder settings ({@link VoskEngine#BUNDLED_DECODER}) —
 * on as many streams as the worker runs, each stream taking the next recording as a worker takes the next job.
 * Prints one line {@code baseline audio_s=… wall_s=… cpu_s=…} for bin/bench-pipeline to divide by.
 * Usage: {@code PipelineBaseline <streams> <16 kHz mono WAV>...}
 */
public final class PipelineBaseline {

    public static void main(String[] args) throws Exception {
        int streams = Integer.parseInt(args[0]);
        List<Path> recordings = java.util.Arrays.stream(args).skip(1).map(Path::of).toList();
        VoskModelCache cache = new VoskModelCache(Path.of(System.getProperty("daybook.test.model-cache", "target/vosk-cache")),
                "vosk-model-en-0.3.45", () -> TestAudio.class.getResourceAsStream("/models/vosk-model-en.aar"));
        try (Model model = new Model(VoskEngine.BUNDLED_DECODER.modelDir(cache.modelDir()).toString())) {
            ShortEntryBenchmark.plainLoop(model, ShortEntryBenchmark.pcm(recordings.getFirst()), ""); // warm-up
            ConcurrentLinkedQueue<Path> backlog = new ConcurrentLinkedQueue<>(recordings);
            DoubleAdder audio = new DoubleAdder();
            double cpu0 = processCpuSeconds();
            long start = System.nanoTime();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < streams; i++) {
                threads.add(Thread.ofPlatform().name("vosk-" + i).start(() -> {
                    for (Path next; (next = backlog.poll()) != null; ) {
                        try {
                            audio.add(ShortEntryBenchmark.plainLoop(model, ShortEntryBenchmark.pcm(next), "").audio());
                        } catch (Exception e) {
                            throw new IllegalStateException(next.toString(), e);
                        }
                        System.err.printf(Locale.ROOT, "  baseline: %d left%n", backlog.size());
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf(Locale.ROOT, "baseline audio_s=%.1f wall_s=%.2f cpu_s=%.2f streams=%d%n", audio.sum(),
                    (System.nanoTime() - start) / 1e9, processCpuSeconds() - cpu0, streams);
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
