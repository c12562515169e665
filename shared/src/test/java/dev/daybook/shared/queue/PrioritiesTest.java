package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PrioritiesTest extends QueueTestBase {

    @Test
    void eachPriorityIsReadFirstInProportionToItsWeight() {
        PriorityOrder order = new PriorityOrder(new QueueProperties.Weights(6, 3, 1), new Random(7));
        Map<Priority, Integer> first = new EnumMap<>(Priority.class);
        for (int i = 0; i < 10_000; i++) {
            List<Priority> o = order.next();
            assertThat(o).containsExactlyInAnyOrder(Priority.values());
            first.merge(o.getFirst(), 1, Integer::sum);
        }
        assertThat(first.get(Priority.HIGH)).isBetween(5_700, 6_300);
        assertThat(first.get(Priority.NORMAL)).isBetween(2_700, 3_300);
        assertThat(first.get(Priority.LOW)).isBetween(850, 1_150);
    }

    @Test
    void highIsServedMostButLowStillProgressesUnderAFloodOfHigh() {
        for (int i = 0; i < 400; i++) {
            submit("h" + i, Priority.HIGH);
        }
        for (int i = 0; i < 40; i++) {
            submit("l" + i, Priority.LOW);
        }
        List<String> served = new CopyOnWriteArrayList<>();
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            served.add(ctx.job().id());
            return StageResult.empty();
        }));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> served.size() >= 150);
        List<String> firstHundredFifty = List.copyOf(served).subList(0, 150);
        long low = firstHundredFifty.stream().filter(id -> id.startsWith("l")).count();
        long high = firstHundredFifty.size() - low;
        // With weights 6:3:1 and nothing normal, low is read first about one round in seven: ~20 of 150.
        assertThat(low).as("low progresses while high is flooded").isGreaterThanOrEqualTo(5);
        assertThat(high).as("high is served most").isGreaterThan(low * 3);
    }
}
