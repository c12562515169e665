package dev.daybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "queued, transcribing", "queued, cancelled", "transcribing, queued", "transcribing, retrying",
            "summarizing, completed", "summarizing, failed", "retrying, queued", "failed, queued"})
    void legalTransitionsAreAllowed(String from, String to) {
        assertThat(JobStatus.fromWire(from).moveTo(JobStatus.fromWire(to))).isEqualTo(JobStatus.fromWire(to));
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @CsvSource({
            "queued, completed", "queued, retrying", "transcribing, summarizing", "transcribing, transcribing",
            "retrying, transcribing", "completed, queued", "cancelled, queued", "failed, completed"})
    void illegalTransitionsAreRefused(String from, String to) {
        JobStatus source = JobStatus.fromWire(from);
        assertThat(source.canMoveTo(JobStatus.fromWire(to))).isFalse();
        assertThatThrownBy(() -> source.moveTo(JobStatus.fromWire(to)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("illegal job transition");
    }

    @Test
    void completedAndCancelledAreFinal() {
        assertThat(JobStatus.COMPLETED.isTerminal()).isTrue();
        assertThat(JobStatus.CANCELLED.isTerminal()).isTrue();
        assertThat(JobStatus.FAILED.isTerminal()).as("a dead letter can be retried").isFalse();
    }

    @Test
    void theScriptsLearnWhereARunningStatusMayBeEnteredFrom() {
        assertThat(JobStatus.sourcesOf(JobStatus.TRANSCRIBING)).containsExactly(JobStatus.QUEUED);
        assertThat(JobStatus.sourcesOf(JobStatus.CANCELLED)).containsExactlyInAnyOrder(JobStatus.QUEUED,
                JobStatus.TRANSCRIBING, JobStatus.SUMMARIZING, JobStatus.RETRYING, JobStatus.FAILED);
    }
}
