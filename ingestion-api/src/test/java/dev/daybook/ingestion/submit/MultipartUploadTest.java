package dev.daybook.ingestion.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.ingestion.source.Spool;
import dev.daybook.ingestion.source.SpooledAudio;
import dev.daybook.ingestion.web.ApiException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The streaming parse on its own, over real audio: whatever sizes the body arrives in (one byte at a time up to
 * 64 KB reads, so boundaries and CRs fall across reads), the spooled file is the part's bytes exactly, with
 * their sha256, and the fields are read; a refusal leaves no file in the spool.
 */
class MultipartUploadTest {

    private static final String B = "----unitB0undary";
    private static final Set<String> FIELDS = Set.of("language", "priority", "recorded_at", "callback_url");

    @TempDir
    Path spoolDir;

    /** A real diary recording (a 16 kHz WAV of about 0.5 MB). */
    private static byte[] entry1() throws java.io.IOException {
        return Files.readAllBytes(Path.of(System.getProperty("daybook.testdata", "../testdata"), "diary", "entry1.wav"));
    }

    @Test
    void theSpooledFileIsThePartExactlyWhateverTheReadSizes() throws Exception {
        byte[] audio = entry1();
        byte[] body = body(audio);
        Spool spool = spool();
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int maxRead = trial < 10 ? 1 + random.nextInt(16) : trial < 20 ? 1 + random.nextInt(600) : 1 + random.nextInt(65_536);
            MultipartUpload.Parsed parsed = MultipartUpload.read(request(body, random, maxRead), spool, 10_000_000, FIELDS);
            try (SpooledAudio spooled = parsed.audio()) {
                assertThat(Files.readAllBytes(spooled.file())).as("trial %d, reads up to %d bytes", trial, maxRead).isEqualTo(audio);
                assertThat(spooled.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)));
                assertThat(spooled.size()).isEqualTo(audio.length);
                assertThat(parsed.fields()).containsEntry("priority", "high").containsEntry("language", "en-GB").hasSize(2);
            }
        }
        assertThat(filesIn(spoolDir)).isEmpty();
    }

    @Test
    void refusalsLeaveNoSpoolFile() throws Exception {
        byte[] audio = entry1();
        byte[] body = body(audio);
        Spool spool = spool();
        Random random = new Random(11);
        // cut anywhere after the audio part began: incomplete, 400
        for (int cut : List.of(300, 5_000, body.length / 2, body.length - 3)) {
            assertThatThrownBy(() -> MultipartUpload.read(request(java.util.Arrays.copyOf(body, cut), random, 4096), spool, 10_000_000, FIELDS))
                    .isInstanceOf(ApiException.class);
        }
        // the audio over the limit: 413
        assertThatThrownBy(() -> MultipartUpload.read(request(body, random, 4096), spool, audio.length - 1, FIELDS))
                .isInstanceOfSatisfying(AudioRejected.class, e -> assertThat(e.code()).isEqualTo("audio_too_large"));
        assertThat(filesIn(spoolDir)).isEmpty();
    }

    private Spool spool() throws IOException {
        return new Spool(spoolDir);
    }

    private static byte[] body(byte[] audio) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"priority\"\r\n\r\nhigh\r\n"));
        out.writeBytes(ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"entry1.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n"));
        out.writeBytes(audio);
        out.writeBytes(ascii("\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen-GB\r\n--" + B + "--\r\n"));
        return out.toByteArray();
    }

    /** A POST whose body stream hands out at most {@code maxRead} bytes per read, as a network would. */
    private static MockHttpServletRequest request(byte[] body, Random random, int maxRead) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/jobs") {
            private final ServletInputStream in = new ServletInputStream() {
                private int pos;

                @Override
                public int read() {
                    return pos < body.length ? body[pos++] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos >= body.length) {
                        return -1;
                    }
                    int n = Math.min(Math.min(len, body.length - pos), 1 + random.nextInt(maxRead));
                    System.arraycopy(body, pos, b, off, n);
                    pos += n;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return pos >= body.length;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };

            @Override
            public ServletInputStream getInputStream() {
                return in;
            }
        };
        request.setContentType("multipart/form-data; boundary=" + B);
        return request;
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
