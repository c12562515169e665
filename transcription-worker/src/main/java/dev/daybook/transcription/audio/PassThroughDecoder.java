package dev.daybook.transcription.audio;

import dev.daybook.shared.audio.WavHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a WAV that is already 16 kHz mono 16-bit PCM — the copy ingestion stores after its one decode, or such an
 * upload itself — straight from disk, through shared's bounds-checked {@link WavHeader}: no process to start and
 * no native code. Every other file goes to {@code fallback}, the ffmpeg decoder.
 */
public final class PassThroughDecoder implements AudioDecoder {

    private final AudioDecoder fallback;

    public PassThroughDecoder(AudioDecoder fallback) {
        this.fallback = fallback;
    }

    @Override
    public PcmInput open(Path file) throws IOException {
        Optional<WavHeader> wav = WavHeader.read(file).filter(WavHeader::isAsrPcm);
        if (wav.isEmpty()) {
            return fallback.open(file);
        }
        return new WavDecoder.StreamPcmInput(wav.get().openSamples(file), wav.get().seconds());
    }
}
