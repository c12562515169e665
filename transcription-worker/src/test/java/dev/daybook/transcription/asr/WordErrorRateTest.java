package dev.daybook.transcription.asr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void countsSubstitutionsDeletionsAndInsertionsAfterNormalising() {
        assertThat(WordErrorRate.of("Today I woke up early.", "today i woke up early")).isZero();
        assertThat(WordErrorRate.of("he was not an ill disposed young man", "he was not a ill disposed man"))
                .isEqualTo(2 / 8.0);
        assertThat(WordErrorRate.of("it's Sarah's job", "it's sarah's new job")).isEqualTo(1 / 3.0);
        assertThat(WordErrorRate.of("", "")).isZero();
        assertThat(WordErrorRate.of("", "noise")).isEqualTo(1.0);
    }
}
