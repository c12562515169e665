package dev.daybook.shared.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Extracts the redis-server binary that embedded-redis bundles, for machines without a system one. */
final class EmbeddedRedisBinary {

    private static final String RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

    private EmbeddedRedisBinary() {
    }

    static synchronized String path() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "daybook-embedded-redis-server");
        if (Files.isExecutable(target)) {
            return target.toString();
        }
        try (InputStream in = EmbeddedRedisBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("no redis-server on PATH and no " + RESOURCE + " in embedded-redis");
            }
            Path tmp = Files.createTempFile("redis-server", ".bin");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target.toString();
    }
}
