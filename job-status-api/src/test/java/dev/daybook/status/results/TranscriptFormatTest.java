package dev.daybook.status.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.status.problem.ApiProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-   | -                                      | JSON",
            "-   | */*                                    | JSON",
            "-   | text/vtt                               | VTT",
            "-   | application/x-subrip                   | SRT",
            "-   | text/plain                             | TEXT",
            "-   | text/*                                 | TEXT",
            "-   | application/json;q=0.5, text/vtt       | VTT",
            "-   | text/vtt;q=0.2, application/x-subrip   | SRT",
            "srt | text/vtt                               | SRT",
            "TXT | -                                      | TEXT",
            "vtt | -                                      | VTT"})
    void choosesByFormatThenAccept(String format, String accept, TranscriptFormat expected) {
        assertThat(TranscriptFormat.choose(format, accept)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"image/png", "application/xml"})
    void refusesWhatItCannotProduce(String accept) {
        assertThatThrownBy(() -> TranscriptFormat.choose(null, accept))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("not_acceptable"));
    }

    @ParameterizedTest
    @CsvSource({"pdf", "docx"})
    void refusesUnknownFormats(String format) {
        assertThatThrownBy(() -> TranscriptFormat.choose(format, null)).isInstanceOf(ApiProblem.class);
    }
}
