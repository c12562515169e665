package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes export entries into one zip in a temporary file, chunk after chunk, until {@link #finish()}. */
class ZipFileWriter implements ItemWriter<ExportJob.Entry> {

    record Audio(String name, InputStream content) {
    }

    @FunctionalInterface
    interface AudioSource {
        Optional<Audio> open(ExportJob.Entry entry) throws IOException;
    }

    private final AudioSource audio;
    private Path file;
    private ZipOutputStream zip;
    private long entries;

    ZipFileWriter(AudioSource audio) {
        this.audio = audio;
    }

    @Override
    public synchronized void write(Chunk<? extends ExportJob.Entry> chunk) throws IOException {
        open();
        for (ExportJob.Entry e : chunk) {
            for (Map.Entry<String, byte[]> f : e.files().entrySet()) {
                zip.putNextEntry(new ZipEntry(e.folder() + f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
            if (e.audioKey() != null) {
                Optional<Audio> a = audio.open(e);
                if (a.isPresent()) {
                    try (InputStream in = a.get().content()) {
                        zip.putNextEntry(new ZipEntry(e.folder() + a.get().name()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    }
                }
            }
            if (e.job() != null) { // a recap (recaps/) is not an entry
                entries++;
            }
        }
    }

    public long entries() {
        return entries;
    }

    /** Closes the zip (an empty diary gives an empty zip) and returns its file. */
    public synchronized Path finish() throws IOException {
        open();
        zip.close();
        return file;
    }

    public synchronized void discard() {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() throws IOException {
        if (zip == null) {
            file = Files.createTempFile("daybook-export-", ".zip");
            zip = new ZipOutputStream(Files.newOutputStream(file));
        }
    }
}
