package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Weighted priority, Sidekiq-style: each fetch draws the order in which the priority streams are read,
 * each priority coming first with a chance proportional to its weight. With 6:3:1, {@code low} is read first
 * one fetch in ten, so it progresses under any flood of {@code high}, and an idle worker still takes
 * whatever is there.
 */
final class PriorityOrder {

    private final Map<Priority, Integer> weights = new EnumMap<>(Priority.class);
    private final RandomGenerator random;

    PriorityOrder(QueueProperties.Weights w, RandomGenerator random) {
        weights.put(Priority.HIGH, w.high());
        weights.put(Priority.NORMAL, w.normal());
        weights.put(Priority.LOW, w.low());
        this.random = random;
    }

    List<Priority> next() {
        List<Priority> left = new ArrayList<>(List.of(Priority.values()));
        List<Priority> order = new ArrayList<>(left.size());
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(weights::get).sum();
            int draw = random.nextInt(total);
            for (Priority p : left) {
                draw -= weights.get(p);
                if (draw < 0) {
                    order.add(p);
                    left.remove(p);
                    break;
                }
            }
        }
        return order;
    }
}
