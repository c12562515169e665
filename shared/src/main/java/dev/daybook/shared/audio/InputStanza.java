package dev.daybook.shared.audio;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts ffprobe would give, read from the stanza ffmpeg prints at {@code info} level when it opens its input,
 * before it decodes a sample:
 * <pre>
 * Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/spool/x':
 *   Duration: 00:01:00.00, start: 0.000000, bitrate: 74 kb/s
 *   Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 16000 Hz, mono, fltp, 74 kb/s (default)
 * </pre>
 * It reads only messages that begin a log line ({@code -loglevel level+info} tags them), and takes the first audio
 * stream, as {@code ffprobe -select_streams a:0} does. These are the uploader's claims, as a container header is
 * (a metadata key with a newline in it can even pose as a stanza line): they choose early answers and fill the
 * report, while every limit that protects the system — length, output size, time — holds on the decoded samples.
 */
final class InputStanza {

    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+), from '");
    private static final Pattern DURATION = Pattern.compile("^  Duration: (\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)");
    private static final String AUDIO = ": Audio: ";
    private static final Pattern HZ = Pattern.compile("^(\\d+) Hz$");
    private static final Pattern PCM_BITS = Pattern.compile("^pcm_[suf](\\d+)");
    private static final Pattern COUNTED = Pattern.compile("^(\\d+) channels\\b");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\(.*\\))?$");
    private static final Map<String, Integer> NAMED = Map.of("mono", 1, "stereo", 2, "downmix", 2, "quad", 4,
            "quad(side)", 4, "hexagonal", 6, "octagonal", 8, "cube", 8, "hexadecagonal", 16, "binaural", 2);

    private String format;
    private double duration = Double.NaN;
    private AudioInfo audio;
    private boolean unparseable;
    private boolean ended;

    /** Reads one info-level message; true once the stanza has told all it will (its first audio stream). */
    boolean accept(String message) {
        if (ended) {
            return true;
        }
        if (format == null) {
            Matcher m = INPUT.matcher(message);
            if (m.find()) {
                format = m.group(1);
            }
            return false;
        }
        Matcher d = DURATION.matcher(message);
        if (d.find()) {
            duration = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60 + Double.parseDouble(d.group(3));
        } else if (message.startsWith("  Stream #0:") && message.contains(AUDIO)) {
            audio = stream(message.substring(message.lastIndexOf(AUDIO) + AUDIO.length()));
            unparseable = audio == null;
            ended = true;
        } else if (message.startsWith("Stream mapping:") || message.startsWith("Output #0")) {
            ended = true;
        }
        return ended;
    }

    /** Whether ffmpeg described an input at all (it prints nothing when it cannot open the file). */
    boolean described() {
        return format != null;
    }

    /** The first audio stream's facts; empty when there was none or its line could not be read. */
    Optional<AudioInfo> info() {
        return unparseable ? Optional.empty() : Optional.ofNullable(audio);
    }

    private AudioInfo stream(String codecString) {
        String[] parts = codecString.split(", ");
        String codec = parts[0].split("[ (]", 2)[0];
        for (int i = 1; i + 1 < parts.length; i++) {
            Matcher hz = HZ.matcher(parts[i]);
            if (hz.matches()) {
                int channels = channels(parts[i + 1]);
                return channels == 0 ? null
                        : new AudioInfo(format, codec, duration, Integer.parseInt(hz.group(1)), channels, bits(codec));
            }
        }
        return null;
    }

    /** ffmpeg names a layout ("5.1(side)", "stereo") or counts it ("3 channels"); 0 when it is neither. */
    static int channels(String layout) {
        Matcher counted = COUNTED.matcher(layout);
        if (counted.find()) {
            return Integer.parseInt(counted.group(1));
        }
        Matcher numbered = NUMBERED.matcher(layout);
        if (numbered.matches()) {
            int sum = Integer.parseInt(numbered.group(1)) + Integer.parseInt(numbered.group(2));
            return numbered.group(3) == null ? sum : sum + Integer.parseInt(numbered.group(3));
        }
        return NAMED.getOrDefault(layout, 0);
    }

    private static int bits(String codec) {
        Matcher m = PCM_BITS.matcher(codec);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        return codec.equals("pcm_alaw") || codec.equals("pcm_mulaw") ? 8 : 0;
    }
}
