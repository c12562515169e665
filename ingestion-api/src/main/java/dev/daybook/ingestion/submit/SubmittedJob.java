package dev.daybook.ingestion.submit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.daybook.shared.audio.validation.AudioReport;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobView;

/** The submission response: the contract's job representation (the status API's shape) plus the audio report. */
public record SubmittedJob(@JsonUnwrapped JobView job, AudioReport audio) {

    static SubmittedJob of(Job job, AudioReport audio) {
        return new SubmittedJob(JobView.of(job), audio);
    }
}
