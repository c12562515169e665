package dev.daybook.transcription.bench;

import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.vosk.VoskDecoderSettings;
import dev.daybook.transcription.vosk.VoskModelCache;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each decoder setting alone, with the word error rate beside its speed: Vosk in a plain loop over the
 * LibriVox clips and the diary entries (16 kHz WAV, PCM read once), one model per setting, the stock
 * {@code conf/model.conf} as the peer measured in every round of the same run. Also what the worker asks per
 * block (words, partial hypotheses and how often, block size, alternatives) on the stock model.
 *
 * <p>Run (after {@code test-compile}): {@code java -cp ... dev.daybook.transcription.bench.DecoderSweep}
 * with {@code -Dbench.rounds=N}; {@code -Dsweep.only=name;name} picks settings.
 */
public final class DecoderSweep {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Clip(String set, String name, short[] pcm, String reference) {
    }

    /** How the loop drives a recogniser: block size, words, partial hypotheses every {@code partialMs} (0: never). */
    record Drive(int blockMs, boolean words, boolean partialWords, int partialMs, int alternatives) {
        static final Drive WORKER = new Drive(500, true, false, 5000, 0);
    }

    record Setting(String name, VoskDecoderSettings decoder, Drive drive) {
    }

    /** Totals of one setting: CPU seconds and audio seconds per set, errors and reference words per set. */
    static final class Totals {
        final Map<String, double[]> bySet = new LinkedHashMap<>(); // set -> {cpu, audio, errors, refWords}

        void add(String set, double cpu, double audio, int errors, int words) {
            double[] t = bySet.computeIfAbsent(set, s -> new double[4]);
            t[0] += cpu;
            t[1] += audio;
            t[2] += errors;
            t[3] += words;
        }

        double rtf(String set) {
            double[] t = bySet.get(set);
            return t[0] / t[1];
        }

        double wer(String set) {
            double[] t = bySet.get(set);
            return t[2] / t[3];
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        Path cacheDir = Path.of(System.getProperty("daybook.test.model-cache", "target/vosk-cache"));
        VoskModelCache cache = new VoskModelCache(cacheDir, "vosk-model-en-0.3.45",
                () -> TestAudio.class.getResourceAsStream("/models/vosk-model-en.aar"));
        Path stock = cache.modelDir();
        List<Clip> clips = clips();
        List<Setting> settings = settings();
        String only = System.getProperty("sweep.only", "");
        if (!only.isBlank()) {
            List<String> names = List.of(only.split(";"));
            settings = settings.stream().filter(s -> s.name.equals("stock") || names.contains(s.name)).toList();
        }
        // other model directories as they are (e.g. a conf with options this class has no setting for): name=dir;...
        String extra = System.getProperty("sweep.dirs", "");
        Map<String, Path> extraDirs = new LinkedHashMap<>();
        for (String nameDir : extra.isBlank() ? new String[0] : extra.split(";")) {
            String[] nd = nameDir.split("=", 2);
            extraDirs.put(nd[0], Path.of(nd[1]));
            settings = new ArrayList<>(settings);
            settings.add(new Setting(nd[0], null, Drive.WORKER));
        }
        Map<Path, Model> models = new LinkedHashMap<>();
        Map<String, Totals> totals = new LinkedHashMap<>();
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Setting s : settings) {
            Path dir = extraDirs.containsKey(s.name) ? extraDirs.get(s.name)
                    : s.decoder == null ? stock : s.decoder.modelDir(stock);
            if (!models.containsKey(dir)) {
                models.put(dir, new Model(dir.toString()));
            }
            dirs.put(s.name, dir);
            totals.put(s.name, new Totals());
        }
        decode(models.get(stock), clips.getFirst(), Drive.WORKER); // warm-up
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now();
        for (int r = 0; r < rounds; r++) {
            for (Setting s : settings) {
                Model model = models.get(dirs.get(s.name));
                for (Clip c : clips) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    String text = decode(model, c, s.drive);
                    double took = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                    List<String> ref = WordErrorRate.words(c.reference);
                    totals.get(s.name).add(c.set, took, c.pcm.length / 16_000.0,
                            WordErrorRate.errors(ref, WordErrorRate.words(text)), ref.size());
                }
                Totals t = totals.get(s.name);
                System.out.printf(Locale.ROOT, "round %d %-28s diary CPU RTF %.3f, LibriVox CPU RTF %.3f, diary WER %.2f %%, "
                        + "LibriVox WER %.2f %% (load %.2f)%n", r + 1, s.name, t.rtf("diary"), t.rtf("librivox"),
                        100 * t.wer("diary"), 100 * t.wer("librivox"),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Totals peer = totals.get("stock");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Sweep %s → %s UTC, %d rounds, load average %.2f / %.2f on %d cores%n%n",
                start, Instant.now(), rounds, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
        md.append("| setting | diary CPU RTF | vs stock | LibriVox CPU RTF | diary WER | LibriVox WER |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Setting s : settings) {
            Totals t = totals.get(s.name);
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.2f | %.3f | %.2f %% | %.2f %% |%n", s.name,
                    t.rtf("diary"), t.rtf("diary") / peer.rtf("diary"), t.rtf("librivox"),
                    100 * t.wer("diary"), 100 * t.wer("librivox")));
        }
        System.out.println(md);
        String out = System.getProperty("sweep.out", "");
        if (!out.isBlank()) {
            Files.writeString(Path.of(out), md);
        }
        for (Model m : models.values()) {
            m.close();
        }
    }

    static List<Setting> settings() {
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("stock", null, Drive.WORKER));
        // the search, one option at a time (stock: beam 10, max-active 3000, lattice-beam 2, min-active 200)
        for (double beam : new double[] {9, 8, 7, 6}) {
            s.add(new Setting("beam=" + beam, new VoskDecoderSettings(beam, null, null, null), Drive.WORKER));
        }
        for (int maxActive : new int[] {2000, 1500, 1000, 500}) {
            s.add(new Setting("max-active=" + maxActive, new VoskDecoderSettings(null, maxActive, null, null), Drive.WORKER));
        }
        for (double latticeBeam : new double[] {1.0, 0.5}) {
            s.add(new Setting("lattice-beam=" + latticeBeam, new VoskDecoderSettings(null, null, latticeBeam, null), Drive.WORKER));
        }
        s.add(new Setting("min-active=50", new VoskDecoderSettings(null, null, null, 50), Drive.WORKER));
        s.add(new Setting("beam=8,max-active=1500", new VoskDecoderSettings(8.0, 1500, null, null), Drive.WORKER));
        s.add(new Setting("beam=7,max-active=1000", new VoskDecoderSettings(7.0, 1000, 1.0, null), Drive.WORKER));
        // what the worker asks per block, on the stock model
        s.add(new Setting("no words", null, new Drive(500, false, false, 5000, 0)));
        s.add(new Setting("no partials", null, new Drive(500, true, false, 0, 0)));
        s.add(new Setting("partial every 0.5 s", null, new Drive(500, true, false, 500, 0)));
        s.add(new Setting("partial words, every 0.5 s", null, new Drive(500, true, true, 500, 0)));
        s.add(new Setting("block 0.1 s", null, new Drive(100, true, false, 5000, 0)));
        s.add(new Setting("block 2 s", null, new Drive(2000, true, false, 5000, 0)));
        s.add(new Setting("alternatives 3", null, new Drive(500, true, false, 5000, 3)));
        return s;
    }

    /** The plain loop: feed blocks, read each utterance's result, partial hypotheses as asked, final result. */
    static String decode(Model model, Clip clip, Drive drive) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Recognizer recognizer = new Recognizer(model, 16_000)) {
            recognizer.setWords(drive.words);
            recognizer.setPartialWords(drive.partialWords);
            if (drive.alternatives > 0) {
                recognizer.setMaxAlternatives(drive.alternatives);
            }
            int blockSamples = 16 * drive.blockMs;
            short[] block = new short[blockSamples];
            long nextPartial = drive.partialMs > 0 ? 16L * drive.partialMs : Long.MAX_VALUE;
            for (int i = 0; i < clip.pcm.length; i += blockSamples) {
                int n = Math.min(blockSamples, clip.pcm.length - i);
                System.arraycopy(clip.pcm, i, block, 0, n);
                if (recognizer.acceptWaveForm(block, n)) {
                    append(text, recognizer.getResult());
                }
                if (i + n >= nextPartial) {
                    nextPartial += 16L * drive.partialMs;
                    recognizer.getPartialResult();
                }
            }
            append(text, recognizer.getFinalResult());
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String json) {
        var node = JSON.readTree(json);
        String t = node.has("alternatives") ? node.path("alternatives").path(0).path("text").asString("")
                : node.path("text").asString("");
        if (!t.isBlank()) {
            text.append(text.isEmpty() ? "" : " ").append(t);
        }
    }

    static List<Clip> clips() throws Exception {
        List<Clip> clips = new ArrayList<>();
        for (Map.Entry<String, String> e : TestAudio.librivoxReferences().entrySet()) {
            clips.add(new Clip("librivox", e.getKey(), ShortEntryBenchmark.pcm(TestAudio.librivox(e.getKey())), e.getValue()));
        }
        Path diary = TestAudio.testdata().resolve("diary");
        for (String entry : List.of("entry1", "entry2", "entry3")) {
            clips.add(new Clip("diary", entry, ShortEntryBenchmark.pcm(diary.resolve(entry + ".wav")),
                    Files.readString(diary.resolve(entry + ".txt")).strip()));
        }
        return clips;
    }
}
