package dev.daybook.transcription;

import dev.daybook.shared.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

    @Test
    void dependsOnSharedAndOnNoOtherService() {
        ModuleBoundaries.check("dev.daybook.transcription");
    }
}
