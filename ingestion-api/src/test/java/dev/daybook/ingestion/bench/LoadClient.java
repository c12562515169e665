package dev.daybook.ingestion.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's HTTP client in a JVM of its own (a child of the benchmark's), so that the service's CPU per
 * upload is measured without the client's. Protocol on its stdin/stdout: it sends one warm-up round and prints
 * {@code warm}; on the line {@code go} it sends the timed uploads and prints {@code seconds}, its CPU
 * seconds in the timed run and since it started, and one latency (ns) per line, then {@code end}.
 */
final class LoadClient implements AutoCloseable {

    static final String MODE = "client";

    /** @param cpuSeconds its CPU in the timed run; {@code processCpuSeconds} since it started (warm-up, JIT) */
    record Result(double seconds, double cpuSeconds, double processCpuSeconds, List<Long> latencies) {
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private LoadClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static LoadClient start(int port, String token, Path file, int requests, int clients, int warmup) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IngestionBenchmark.class.getName(), MODE, Integer.toString(port), token, file.toString(),
                Integer.toString(requests), Integer.toString(clients), Integer.toString(warmup))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new LoadClient(p);
    }

    void awaitWarm() throws Exception {
        expect("warm");
    }

    Result go() throws Exception {
        in.println("go");
        double seconds = Double.parseDouble(expect(null));
        double cpu = Double.parseDouble(expect(null));
        double processCpu = Double.parseDouble(expect(null));
        List<Long> latencies = new ArrayList<>();
        for (String line; !(line = expect(null)).equals("end"); ) {
            latencies.add(Long.parseLong(line));
        }
        process.waitFor(); // reaped, so its CPU time is in this process's children's
        return new Result(seconds, cpu, processCpu, latencies);
    }

    private String expect(String word) throws Exception {
        String line = out.readLine();
        if (line == null || (word != null && !line.equals(word))) {
            throw new IllegalStateException("load client: expected " + (word == null ? "a line" : word) + ", got " + line);
        }
        return line;
    }

    @Override
    public void close() {
        process.destroy();
    }

    /** The child's side. */
    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String token = args[2];
        IngestionBenchmark.Multipart body = IngestionBenchmark.Multipart.of(Path.of(args[3]));
        int requests = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        IngestionBenchmark.run(port, token, body, Integer.parseInt(args[6]), clients);
        System.out.println("warm");
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(stdin.readLine())) {
            return;
        }
        double cpu0 = IngestionBenchmark.CpuTime.jvmSeconds();
        long start = System.nanoTime();
        List<Long> latencies = IngestionBenchmark.run(port, token, body, requests, clients);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder();
        double cpu = IngestionBenchmark.CpuTime.jvmSeconds();
        report.append(seconds).append('\n').append(cpu - cpu0).append('\n').append(cpu).append('\n');
        latencies.forEach(l -> report.append(l).append('\n'));
        report.append("end\n");
        System.out.print(report);
        System.out.flush();
    }
}
