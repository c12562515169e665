package dev.daybook.status.batch;

import java.io.IOException;
import java.time.Clock;

import dev.daybook.shared.storage.TieredStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Erases exports whose time is up: the zip first, then the record (a crash in between is redone next time). */
final class ExpiredExports {

    private static final Logger log = LoggerFactory.getLogger(ExpiredExports.class);

    private final Exports exports;
    private final TieredStorage storage;
    private final Clock clock;

    ExpiredExports(Exports exports, TieredStorage storage, Clock clock) {
        this.exports = exports;
        this.storage = storage;
        this.clock = clock;
    }

    int purge() {
        int n = 0;
        for (String id : exports.expired(clock.instant())) {
            try {
                storage.hot().delete(Exports.blobKey(id));
                exports.remove(id);
                n++;
            } catch (IOException e) {
                log.warn("could not erase expired export {}", id, e);
            }
        }
        return n;
    }
}
