package dev.daybook.transcription.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskDecoderSettingsTest {

    private static final List<String> STOCK_CONF = List.of("--min-active=200", "--max-active=3000", "--beam=10.0",
            "--lattice-beam=2.0", "--acoustic-scale=1.0", "--frame-subsampling-factor=3",
            "--endpoint.rule2.min-trailing-silence=0.5");

    @TempDir
    Path cache;

    @Test
    void setOptionsReplaceTheModelsOwnAndEverythingElseIsTheModelsFiles() throws Exception {
        Path model = model();
        Path tuned = new VoskDecoderSettings(8.0, 1500, null, null).modelDir(model);

        assertThat(tuned).isNotEqualTo(model).hasParent(cache);
        assertThat(Files.readAllLines(tuned.resolve("conf/model.conf"))).containsExactlyInAnyOrder("--min-active=200",
                "--max-active=1500", "--beam=8.0", "--lattice-beam=2.0", "--acoustic-scale=1.0",
                "--frame-subsampling-factor=3", "--endpoint.rule2.min-trailing-silence=0.5");
        assertThat(Files.readString(tuned.resolve("am/final.mdl"))).isEqualTo("acoustic model");
        assertThat(Files.readString(tuned.resolve("conf/mfcc.conf"))).isEqualTo("--use-energy=false");
        // the model's own conf is untouched, and a second call finds the same directory without temporaries
        assertThat(Files.readAllLines(model.resolve("conf/model.conf"))).isEqualTo(STOCK_CONF);
        assertThat(new VoskDecoderSettings(8.0, 1500, null, null).modelDir(model)).isEqualTo(tuned);
        try (var entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model", tuned.getFileName().toString());
        }
    }

    @Test
    void settingsTheModelAlreadyHasUseTheModelItself() throws Exception {
        Path model = model();
        assertThat(VoskDecoderSettings.MODEL_CONF.modelDir(model)).isEqualTo(model);
        assertThat(new VoskDecoderSettings(10.0, 3000, 2.0, 200).modelDir(model)).isEqualTo(model);
    }

    @Test
    void unsetOptionsFallBackToTheOtherSettings() {
        VoskDecoderSettings merged = new VoskDecoderSettings(null, 900, null, null)
                .orElse(new VoskDecoderSettings(7.0, 1000, 1.0, null));
        assertThat(merged).isEqualTo(new VoskDecoderSettings(7.0, 900, 1.0, null));
    }

    @Test
    void aSearchThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new VoskDecoderSettings(0.0, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VoskDecoderSettings(null, 100, null, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VoskDecoderSettings(null, null, -1.0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private Path model() throws Exception {
        Path model = cache.resolve("model");
        Files.createDirectories(model.resolve("am"));
        Files.createDirectories(model.resolve("conf"));
        Files.writeString(model.resolve("am/final.mdl"), "acoustic model");
        Files.writeString(model.resolve("conf/mfcc.conf"), "--use-energy=false");
        Files.write(model.resolve("conf/model.conf"), STOCK_CONF);
        return model;
    }
}
