package dev.daybook.shared.note;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameKeyTest {

    @Test
    void spellingsOfOneNameShareOneKey() {
        assertThat(NameKey.of("sarah")).isEqualTo("sarah");
        assertThat(NameKey.of("Sarah")).isEqualTo("sarah");
        assertThat(NameKey.of(" SARAH ")).isEqualTo("sarah");
        assertThat(NameKey.of("New\t  York")).isEqualTo("new york");
    }

    @Test
    void unicodeIsComparedInItsCompatibilityForm() {
        // "Ｚｏë" in full-width letters and with a combining diaeresis is the same name as "Zoë"
        assertThat(NameKey.of("Ｚｏe\u0308")).isEqualTo(NameKey.of("ZOË")).isEqualTo("zoë");
        assertThat(NameKey.of("ÉMILE")).isEqualTo("émile");
    }

    @Test
    void aBlankNameHasAnEmptyKey() {
        assertThat(NameKey.of("  ")).isEmpty();
        assertThat(NameKey.of(null)).isEmpty();
    }

    @Test
    void theDisplayFormKeepsTheCaseButNotTheStraySpaces() {
        assertThat(NameKey.display("  Anna   Maria ")).isEqualTo("Anna Maria");
    }
}
