package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.audio.Ffmpeg;
import dev.daybook.shared.queue.QueueStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The corpus of bad inputs, one row each: the status, the contract code, and proof that nothing was
 * left behind — no stored blob, no spool or multipart temp file, no job record, no stream entry.
 */
class BadInputCorpusTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
    }

    @TempDir
    static Path made;

    @Autowired
    UnifiedJedis jedis;
    @Autowired
    QueueStats stats;

    interface Input {
        Path make(Path dir) throws IOException;
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                row("empty file", d -> diary("empty.wav"), 400, "invalid_request"),
                row("truncated wav", d -> diary("truncated.wav"), 422, "corrupt_audio"),
                row("text named .mp3", d -> diary("not-audio.mp3"), 415, "unsupported_format"),
                row("random bytes", d -> write(d, "random.mp3", random(64 * 1024)), 415, "unsupported_format"),
                row("wav header claiming 2 GB", d -> write(d, "huge.wav", wavHeaderClaiming(2_000_000_000L, 32_000)), 422, "corrupt_audio"),
                row("wav header only", d -> write(d, "header.wav", wavHeaderClaiming(0, 0)), 422, "corrupt_audio"),
                row("ID3 tag only", d -> write(d, "id3.mp3", id3Only()), 422, "corrupt_audio"),
                row("MP4 with video and no audio", BadInputCorpusTest::videoOnly, 422, "corrupt_audio"),
                row("10 s of silence", d -> diary("silence-10s.wav"), 422, "silent_audio"),
                row("0.3 s of tone", d -> diary("too-short-0.3s.wav"), 422, "audio_too_short"),
                row("over the size limit", d -> write(d, "big.wav", wavHeaderClaimingWithBody(4 * 1024 * 1024)), 413, "audio_too_large"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("corpus")
    void rejectedWithTheContractCodeAndNothingLeftBehind(String name, Input input, int status, String code) throws Exception {
        String user = "corpus-" + name.replaceAll("\\W", "");
        long backlogBefore = stats.backlog("transcribe");

        ResponseEntity<String> r = upload(user, input.make(made));

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(r).path("code").asString()).isEqualTo(code);
        assertThat(json(r).path("status").asInt()).isEqualTo(status);
        assertThat(filesUnder("storage")).isZero();
        assertThat(filesUnder("spool")).isZero();
        assertThat(filesUnder("multipart")).isZero();
        assertThat(jedis.zcard("{daybook}:user:" + user + ":jobs")).isZero();
        assertThat(jedis.keys("{daybook}:job:*")).isEmpty();
        assertThat(stats.backlog("transcribe")).isEqualTo(backlogBefore);
    }

    private static Arguments row(String name, Input input, int status, String code) {
        return Arguments.of(name, input, status, code);
    }

    private static Path diary(String name) {
        return DIARY.resolve(name);
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        b[0] = 0x00; // no accidental MPEG frame sync in the first byte
        return b;
    }

    /** A 16 kHz mono 16-bit WAV header whose sizes claim {@code dataBytes}, followed by {@code actual} bytes of tone. */
    static byte[] wavHeaderClaiming(long dataBytes, int actual) {
        ByteBuffer b = ByteBuffer.allocate(44 + actual).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes)).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt((int) dataBytes);
        for (int i = 0; i < actual / 2; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        return b.array();
    }

    static byte[] wavHeaderClaimingWithBody(int dataBytes) {
        return wavHeaderClaiming(dataBytes, dataBytes);
    }

    /** Two seconds of a black 16x16 picture in MP4: ffmpeg opens it, then finds no audio stream to decode. */
    private static Path videoOnly(Path dir) throws IOException {
        Path file = dir.resolve("video.mp4");
        try {
            Process p = Ffmpeg.locate().ffmpeg(List.of("-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "color=c=black:s=16x16:d=2", "-c:v", "mpeg4", file.toString())).inheritIO().start();
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static byte[] id3Only() {
        byte[] b = new byte[10 + 64];
        System.arraycopy("ID3".getBytes(), 0, b, 0, 3);
        b[3] = 4; // ID3v2.4
        b[9] = 64; // tag size (syncsafe): 64 bytes of padding, then nothing
        return b;
    }
}
