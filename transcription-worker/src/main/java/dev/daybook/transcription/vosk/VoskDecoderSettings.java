package dev.daybook.transcription.vosk;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kaldi decoder search the worker asks of Vosk. Vosk reads these options only from the model's
 * {@code conf/model.conf} when a {@code Model} loads, and the model comes unpacked from a Maven artifact we do
 * not edit, so {@link #modelDir} builds a sibling directory: links to the unpacked model's files, and a
 * {@code conf/model.conf} that is the model's own with the options set here replaced. A null option keeps
 * the model's value.
 *
 * @param beam        decoding beam (log-likelihood units): hypotheses further than this below the best are dropped
 * @param maxActive   at most this many active states per frame
 * @param latticeBeam how far below the best path the lattice keeps alternatives (word times, confidences)
 * @param minActive   at least this many active states per frame
 */
public record VoskDecoderSettings(Double beam, Integer maxActive, Double latticeBeam, Integer minActive) {

    /** Keeps everything the model's conf says. */
    public static final VoskDecoderSettings MODEL_CONF = new VoskDecoderSettings(null, null, null, null);

    public VoskDecoderSettings {
        if (beam != null && !(beam > 0) || latticeBeam != null && !(latticeBeam > 0)
                || maxActive != null && maxActive < 1 || minActive != null && minActive < 1
                || maxActive != null && minActive != null && maxActive < minActive) {
            throw new IllegalArgumentException("Vosk decoder settings need beam > 0, lattice-beam > 0 and "
                    + "1 <= min-active <= max-active; got beam " + beam + ", max-active " + maxActive
                    + ", lattice-beam " + latticeBeam + ", min-active " + minActive);
        }
    }

    /** These settings, with {@code other}'s in place of those not set here. */
    public VoskDecoderSettings orElse(VoskDecoderSettings other) {
        return new VoskDecoderSettings(beam != null ? beam : other.beam, maxActive != null ? maxActive : other.maxActive,
                latticeBeam != null ? latticeBeam : other.latticeBeam, minActive != null ? minActive : other.minActive);
    }

    /** The options set, as they stand in a Kaldi config file, by option name. */
    Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        if (beam != null) {
            o.put("--beam", String.format(Locale.ROOT, "%s", beam));
        }
        if (maxActive != null) {
            o.put("--max-active", maxActive.toString());
        }
        if (latticeBeam != null) {
            o.put("--lattice-beam", String.format(Locale.ROOT, "%s", latticeBeam));
        }
        if (minActive != null) {
            o.put("--min-active", minActive.toString());
        }
        return o;
    }

    /**
     * A model directory that decodes with these settings: {@code model} itself when its conf already says so
     * (or nothing is set), else {@code <model>.decoder-<options>} next to it (built once, in a temporary directory renamed into place,
     * so a crash or a second process never sees half of one).
     */
    public Path modelDir(Path model) throws IOException {
        Map<String, String> options = options();
        List<String> stock = Files.readAllLines(model.resolve("conf/model.conf"));
        List<String> tuned = new ArrayList<>();
        for (String line : stock) {
            if (!options.containsKey(line.strip().split("=", 2)[0])) {
                tuned.add(line);
            }
        }
        options.forEach((name, value) -> tuned.add(name + "=" + value));
        if (new HashSet<>(stock).containsAll(tuned)) {
            return model;
        }
        StringBuilder name = new StringBuilder(model.getFileName() + ".decoder");
        options.forEach((option, value) -> name.append('-').append(option.substring(2)).append(value));
        Path target = model.resolveSibling(name.toString());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path temp = Files.createTempDirectory(model.getParent(), target.getFileName() + ".partial-");
        try {
            try (Stream<Path> entries = Files.list(model)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("conf")) {
                        Files.createSymbolicLink(temp.resolve(entry.getFileName().toString()), entry.toAbsolutePath());
                    }
                }
            }
            Path tempConf = Files.createDirectories(temp.resolve("conf"));
            try (Stream<Path> confs = Files.list(model.resolve("conf"))) {
                for (Path file : confs.toList()) {
                    if (!file.getFileName().toString().equals("model.conf")) {
                        Files.copy(file, tempConf.resolve(file.getFileName().toString()));
                    }
                }
            }
            Files.write(tempConf.resolve("model.conf"), tuned);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                } // else another process built the same settings first; its directory is as good as ours
            }
        } finally {
            deleteRecursively(temp);
        }
        return target;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) { // walk does not follow the links into the model
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
