package dev.daybook.ingestion.bench;

import dev.daybook.ingestion.IngestionApiApplication;
import dev.daybook.shared.audio.Ffmpeg;
import dev.daybook.shared.auth.DevTokens;
import dev.daybook.shared.testing.RedisServerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Uploads/s and latency of {@code POST /v1/jobs} for a 1-minute recording (16 kHz WAV, MP3, AAC in M4A or Opus in
 * WebM) at 32 concurrent clients on loopback, against the real service (own redis-server, own storage), with the server-side time split from the
 * {@code daybook.ingestion.phase} timers. Usage: {@code IngestionBenchmark [requests] [clients] [audio seconds] [wav|mp3|m4a|webm] [warm-up uploads]};
 * with a small {@code -Xmx} and a long recording it also shows that an upload's size never reaches the heap.
 * The phase "spool" is the streaming read of the body (transfer + multipart parse + sha256 + spool write). The
 * HTTP client runs in a child JVM ({@link LoadClient}), so CPU per upload is the service's own; the client's is
 * printed beside it. It still shares the machine's cores with the service, as the bare decodes do not.
 */
public final class IngestionBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(LoadClient.MODE)) {
            LoadClient.main(args);
            return;
        }
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int audioSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String container = args.length > 3 ? args[3] : "wav";
        // the service is measured warm, as it runs for days: after one round of uploads the JIT compiler threads
        // were still among the busiest in the timed run (JFR), charging compilation to every upload
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : Math.max(clients, requests / 2);
        Path root = Files.createTempDirectory("ingestion-bench");
        RSAPrivateKey key = DevTokens.ensureKeys(root.resolve("private.pem"), root.resolve("public.pem"));
        if (!canEncode(container)) {
            System.out.printf("%s: skipped, the ffmpeg in use (%s) has no encoder for it%n", container, Ffmpeg.locate().source());
            return;
        }
        Path wav = speechFile(root, audioSeconds, container);
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            // command-line arguments, because builder "properties" are defaults that application.yml overrides
            ConfigurableApplicationContext app = new SpringApplicationBuilder(IngestionApiApplication.class)
                    .run("--server.port=0", "--daybook.redis.url=" + redis.uri(),
                            "--daybook.storage.root=" + root.resolve("storage"),
                            "--daybook.auth.public-key-location=" + root.resolve("public.pem"),
                            "--daybook.ingestion.source.spool-dir=" + root.resolve("spool"),
                            "--daybook.ingestion.admission.rate-limits=false",
                            "--daybook.ingestion.admission.max-backlog=1000000",
                            "--logging.level.root=WARN", "--spring.main.banner-mode=off");
            try {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                String token = DevTokens.token(key, "bench", List.of(), "premium", Instant.now(), Duration.ofHours(1));
                // the HTTP client runs in a JVM of its own, so this JVM's CPU time is the service's alone
                try (LoadClient client = LoadClient.start(port, token, wav, requests, clients, warmup)) {
                    client.awaitWarm(); // it has sent `warmup` uploads: JIT, connection pools
                    int decodes = Math.max(16, requests / 4);
                    double childCpu0 = CpuTime.childrenSeconds();
                    double baseline = BareDecodes.rate(wav, decodes);
                    double decodeCpuMs = 1000 * (CpuTime.childrenSeconds() - childCpu0) / decodes;
                    MeterRegistry meters = app.getBean(MeterRegistry.class);
                    meters.clear();
                    double jvmCpu0 = CpuTime.jvmSeconds();
                    double childCpu1 = CpuTime.childrenSeconds();
                    String load0 = CpuTime.loadAverage();
                    LoadClient.Result result = client.go();
                    double jvmCpuMs = 1000 * (CpuTime.jvmSeconds() - jvmCpu0) / requests;
                    // reaped children: ffmpeg/ffprobe runs of the service, and the client's JVM once it exited
                    double childMs = 1000 * (CpuTime.childrenSeconds() - childCpu1);
                    double clientCpuMs = 1000 * result.cpuSeconds() / requests;
                    double ffmpegCpuMs = Math.max(0, childMs - 1000 * result.processCpuSeconds()) / requests;
                    System.out.printf(Locale.ROOT, "container=%s ffmpeg=%s warmup_uploads=%d%n", container,
                            Ffmpeg.locate().source(), warmup);
                    report(requests, clients, Files.size(wav), result.seconds(), result.latencies(), meters);
                    System.out.printf(Locale.ROOT, "baseline: bare ffmpeg decodes of the same file, %d at a time: %.2f decodes/s%n",
                            BareDecodes.PARALLEL, baseline);
                    System.out.printf(Locale.ROOT, "ratio uploads_per_s / bare_decodes_per_s = %.2f (goal >= 0.8)%n",
                            requests / result.seconds() / baseline);
                    // CPU per operation holds up on a shared machine far better than rates do
                    System.out.printf(Locale.ROOT, "cpu_ms per bare decode %.1f; per upload: service JVM %.1f + its ffmpeg "
                            + "%.1f; the benchmark's HTTP client (own JVM, not the service's) %.1f%n",
                            decodeCpuMs, jvmCpuMs, ffmpegCpuMs, clientCpuMs);
                    System.out.printf(Locale.ROOT, "load average before / after the timed run: %s / %s (%d CPUs)%n", load0,
                            CpuTime.loadAverage(), Runtime.getRuntime().availableProcessors());
                }
            } finally {
                app.close();
            }
        }
    }

    static List<Long> run(int port, String token, Multipart body, int requests, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher()).build();
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                long t = System.nanoTime() - t0;
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                }
                return t;
            }));
        }
        try {
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> f : futures) {
                latencies.add(f.get());
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(int requests, int clients, long bytes, double seconds, List<Long> latencies,
                               MeterRegistry meters) {
        Collections.sort(latencies);
        double mean = latencies.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "requests=%d clients=%d file_bytes=%d wall_s=%.2f uploads_per_s=%.2f%n",
                requests, clients, bytes, seconds, requests / seconds);
        System.out.printf(Locale.ROOT, "latency_ms p50=%.0f p95=%.0f max=%.0f mean=%.0f%n",
                pct(latencies, 0.50), pct(latencies, 0.95), latencies.getLast() / 1e6, mean);
        double phases = 0;
        for (String phase : List.of("spool", "validate", "store", "enqueue")) {
            Timer t = meters.find("daybook.ingestion.phase").tag("phase", phase).timer();
            double ms = t == null ? 0 : t.mean(TimeUnit.MILLISECONDS);
            phases += ms;
            System.out.printf(Locale.ROOT, "phase %-8s mean_ms=%.1f max_ms=%.1f count=%d%n", phase, ms,
                    t == null ? 0 : t.max(TimeUnit.MILLISECONDS), t == null ? 0 : t.count());
        }
        System.out.printf(Locale.ROOT, "rest (headers, security, admission, queueing for a CPU, the response; = mean latency - phases) mean_ms=%.1f%n",
                mean - phases);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /**
     * {@code seconds} of the diary speech, looped, in the container a client would send: 16 kHz mono 16-bit WAV
     * (the diary page), 64 kb/s MP3 at 16 kHz (many tools), 64 kb/s AAC in MP4 at 44.1 kHz (phones), or 32 kb/s
     * Opus in WebM at 48 kHz (browsers). Encoded here, by the ffmpeg the service runs, rather than committed.
     */
    static Path speechFile(Path dir, int seconds, String container) throws Exception {
        Path diary = Path.of(System.getProperty("daybook.testdata", "testdata"), "diary", "entry1.wav");
        Path out = dir.resolve("speech-" + seconds + "s." + container);
        List<String> command = new ArrayList<>(List.of("-nostdin", "-loglevel", "error", "-y", "-stream_loop", "-1",
                "-i", diary.toString(), "-t", Integer.toString(seconds), "-ac", "1"));
        command.addAll(encoding(container));
        command.add(out.toString());
        Process p = Ffmpeg.locate().ffmpeg(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not make the benchmark file");
        }
        return out;
    }

    private static List<String> encoding(String container) {
        return switch (container) {
            case "wav" -> List.of("-ar", "16000", "-c:a", "pcm_s16le");
            case "mp3" -> List.of("-ar", "16000", "-c:a", "libmp3lame", "-b:a", "64k");
            case "m4a" -> List.of("-ar", "44100", "-c:a", "aac", "-b:a", "64k");
            case "webm" -> List.of("-ar", "48000", "-c:a", "libopus", "-b:a", "32k");
            default -> throw new IllegalArgumentException("container is one of wav, mp3, m4a, webm: " + container);
        };
    }

    /** Whether the ffmpeg in use can encode {@code container}; its encoders depend on how it was built. */
    static boolean canEncode(String container) throws Exception {
        List<String> codec = encoding(container);
        String encoder = codec.get(codec.indexOf("-c:a") + 1);
        Process p = Ffmpeg.locate().ffmpeg(List.of("-hide_banner", "-encoders")).redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return list.lines().anyMatch(line -> line.trim().split("\\s+").length > 1 && line.trim().split("\\s+")[1].equals(encoder));
    }

    /** CPU seconds of this JVM, and of its exited (reaped) child processes, from /proc/self/stat. */
    static final class CpuTime {
        static double jvmSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }

        static String loadAverage() throws java.io.IOException {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        }

        static double childrenSeconds() throws java.io.IOException {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 16 and 17 of stat (cutime, cstime), counted from after the command name (field 3 is f[0])
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        }
    }

    /**
     * The peer: how fast this machine completes bare ffmpeg decodes of the same file to 16 kHz mono PCM (what
     * validation needs), {@link #PARALLEL} at a time — one process per decode, nothing else.
     */
    static final class BareDecodes {
        static final int PARALLEL = 2 * Runtime.getRuntime().availableProcessors();

        static double rate(Path file, int decodes) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            List<Future<Integer>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < decodes; i++) {
                done.add(pool.submit(() -> Ffmpeg.locate().ffmpeg(List.of("-nostdin", "-loglevel", "error",
                        "-i", file.toString(), "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-f", "s16le", "-y", "/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start().waitFor()));
            }
            for (Future<Integer> f : done) {
                if (f.get() != 0) {
                    throw new IllegalStateException("bare ffmpeg decode failed");
                }
            }
            pool.shutdown();
            return decodes / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One multipart/form-data body with the file as part {@code audio}, streamed from disk on every send. */
    record Multipart(String contentType, byte[] head, Path file, byte[] tail) {
        static Multipart of(Path file) {
            String boundary = "daybook-bench-boundary";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"" + file.getFileName()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            return new Multipart("multipart/form-data; boundary=" + boundary, head, file, tail);
        }

        HttpRequest.BodyPublisher publisher() throws java.io.FileNotFoundException {
            return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        }
    }
}
