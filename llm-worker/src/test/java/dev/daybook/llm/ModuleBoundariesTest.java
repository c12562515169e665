package dev.daybook.llm;

import dev.daybook.shared.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

    @Test
    void dependsOnSharedAndOnNoOtherService() {
        ModuleBoundaries.check("dev.daybook.llm");
    }
}
