package dev.daybook.shared.audio;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads container and stream facts with {@code ffprobe -print_format json}, in a subprocess with a time limit.
 * Throws {@link AudioException.Corrupt} when ffprobe cannot open the file or finds no audio stream.
 */
public final class AudioProbe {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final int MAX_OUTPUT = 256 * 1024;

    private AudioProbe() {
    }

    public static AudioInfo probe(Path input) throws IOException {
        return probe(input, Duration.ofSeconds(30));
    }

    public static AudioInfo probe(Path input, Duration timeout) throws IOException {
        Process process = Ffmpeg.locate().ffprobe(List.of("-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "-select_streams", "a:0", input.toAbsolutePath().toString())).start();
        process.getOutputStream().close();
        StderrTail stderr = StderrTail.drain(process);
        // stdout is read on its own thread so that the time limit holds even when ffprobe stalls mid-output
        java.util.concurrent.CompletableFuture<byte[]> out = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("ffprobe-stdout").start(() -> {
            try {
                out.complete(readBounded(process.getInputStream()));
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AudioException.TimedOut("probing took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new AudioException.Corrupt("ffprobe could not read the input: " + stderr.text());
            }
            return parse(JSON.readTree(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while probing");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AudioException.TimedOut("probing took longer than " + timeout);
        } finally {
            process.destroyForcibly();
        }
    }

    // ffprobe's JSON is small; the bound only guards against a pathological metadata dump.
    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            if (out.size() + n > MAX_OUTPUT) {
                throw new AudioException.Corrupt("ffprobe output exceeds " + MAX_OUTPUT + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static AudioInfo parse(JsonNode root) throws AudioException.Corrupt {
        JsonNode stream = root.path("streams").path(0);
        if (stream.isMissingNode() || !"audio".equals(stream.path("codec_type").asString())) {
            throw new AudioException.Corrupt("no audio stream");
        }
        JsonNode format = root.path("format");
        double duration = number(stream.path("duration"));
        if (Double.isNaN(duration)) {
            duration = number(format.path("duration"));
        }
        int bits = stream.path("bits_per_raw_sample").asInt(stream.path("bits_per_sample").asInt(0));
        return new AudioInfo(format.path("format_name").asString("unknown"), stream.path("codec_name").asString("unknown"),
                duration, stream.path("sample_rate").asInt(0), stream.path("channels").asInt(0), bits);
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isString() ? Double.parseDouble(node.asString()) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
