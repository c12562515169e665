package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;

/** One stream entry handed to this worker, with the job as it was when the delivery started. */
record Delivery(String stream, String entryId, Pipeline.Stage stage, Job job) {
}
