package dev.daybook.status.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import org.junit.jupiter.api.Test;

/** One client's mailbox: events in order, wake-ups, and a client too slow to keep up is ended, not waited for. */
class FeedTest {

    private final List<Feed> closed = new ArrayList<>();

    @Test
    void eventsComeOutInTheOrderTheyWentIn() throws Exception {
        Feed feed = new Feed("alice", "job-1", 8, closed::add);
        feed.deliver(event("1-0"));
        feed.changed();
        feed.deliver(event("2-0"));

        assertThat(feed.next(Duration.ZERO)).isEqualTo(new Feed.Arrived(event("1-0")));
        assertThat(feed.next(Duration.ZERO)).isInstanceOf(Feed.Changed.class);
        assertThat(feed.next(Duration.ZERO)).isEqualTo(new Feed.Arrived(event("2-0")));
        assertThat(feed.next(Duration.ofMillis(10))).as("nothing more").isNull();
    }

    @Test
    void aClientThatFallsBehindIsEndedSoItResumesFromItsLastIdInstead() throws Exception {
        Feed feed = new Feed("alice", "job-1", 2, closed::add);
        feed.deliver(event("1-0"));
        feed.deliver(event("2-0"));
        feed.deliver(event("3-0"));
        feed.deliver(event("4-0"));

        assertThat(feed.next(Duration.ZERO)).isInstanceOf(Feed.Ended.class);
        assertThat(feed.next(Duration.ofMillis(10))).isNull();
    }

    @Test
    void closingUnregistersTheFeedWithItsOwner() {
        Feed feed = new Feed("alice", "job-1", 2, closed::add);
        feed.close();
        assertThat(closed).containsExactly(feed);
    }

    private static JobEvent event(String id) {
        return new JobEvent(id, "job-1", "alice", JobEventType.PROGRESS, "transcribing", "transcribe", 1L, 0.5, null, null);
    }
}
