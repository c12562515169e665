package dev.daybook.shared.audio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} executables are. The system binaries on {@code PATH} win (they get
 * security updates from the OS); otherwise the ones shipped in {@code org.bytedeco:ffmpeg} are extracted once by
 * JavaCPP into its cache ({@code ~/.javacpp/cache}) and used from there. We only ever run them as subprocesses:
 * untrusted audio is never decoded inside the JVM.
 */
public record Ffmpeg(Path ffmpeg, Path ffprobe, String source) {

    /** A process builder for {@code ffmpeg} with these arguments, its environment set up to find its libraries. */
    public ProcessBuilder ffmpeg(java.util.List<String> args) {
        return builder(ffmpeg, args);
    }

    /** A process builder for {@code ffprobe} with these arguments. */
    public ProcessBuilder ffprobe(java.util.List<String> args) {
        return builder(ffprobe, args);
    }

    // The bundled libraries have no RUNPATH of their own (only the executables do), so their dependencies
    // (libva.so.2 …) are found only through LD_LIBRARY_PATH.
    private ProcessBuilder builder(Path binary, java.util.List<String> args) {
        java.util.List<String> command = new java.util.ArrayList<>(args.size() + 1);
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        if ("bytedeco".equals(source)) {
            pb.environment().put("LD_LIBRARY_PATH", binary.getParent().toString());
        }
        return pb;
    }

    private static volatile Ffmpeg located;

    /** The binaries to use, located once per JVM; {@link Unavailable} when there are none (tried again next call). */
    public static Ffmpeg locate() {
        Ffmpeg f = located;
        if (f == null) {
            synchronized (Ffmpeg.class) {
                if (located == null) {
                    located = onPath().orElseGet(Ffmpeg::bundled);
                }
                f = located;
            }
        }
        return f;
    }

    static Optional<Ffmpeg> onPath() {
        Optional<Path> ffmpeg = which("ffmpeg");
        Optional<Path> ffprobe = which("ffprobe");
        if (ffmpeg.isPresent() && ffprobe.isPresent()) {
            return Optional.of(new Ffmpeg(ffmpeg.get(), ffprobe.get(), "system"));
        }
        return Optional.empty();
    }

    static Ffmpeg bundled() {
        try {
            String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
            linkVersionedLibraries(Path.of(ffmpeg).getParent());
            return new Ffmpeg(Path.of(ffmpeg), Path.of(ffprobe), "bytedeco");
        } catch (RuntimeException | LinkageError e) {
            throw new Unavailable("no ffmpeg on PATH and the bundled org.bytedeco:ffmpeg could not be loaded", e);
        }
    }

    /**
     * No ffmpeg to run: none on {@code PATH}, and the bundled one would not load (on Debian it links
     * {@code libpulse0}). The server's state, not the input's: callers answer 503, never blame the recording.
     */
    public static final class Unavailable extends IllegalStateException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** The innermost cause's message: the library that is missing. */
        public String reason() {
            Throwable t = this;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t == this ? getMessage() : t.getMessage();
        }
    }

    /**
     * The jar ships {@code libva.so} and {@code libva-drm.so} but the executables ask for their sonames
     * ({@code libva.so.2}, …). JavaCPP creates those links only when it loads the JNI libraries in-process, which we
     * avoid; so we create them next to the binaries, where their {@code RUNPATH $ORIGIN} looks.
     */
    private static void linkVersionedLibraries(Path dir) {
        for (String soname : VERSIONED) {
            Path link = dir.resolve(soname);
            Path target = dir.resolve(soname.substring(0, soname.lastIndexOf('.')));
            if (Files.exists(target) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createSymbolicLink(link, target.getFileName());
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another JVM sharing the cache made it first
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot link " + link, e);
                }
            }
        }
    }

    private static final java.util.List<String> VERSIONED = java.util.List.of("libva.so.2", "libva-drm.so.2", "libdrm.so.2");

    private static Optional<Path> which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
