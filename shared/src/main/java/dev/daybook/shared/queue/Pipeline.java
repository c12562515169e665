package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered stages a job goes through, each with the status a job shows while it runs there.
 * Written in configuration as {@code stage:status} ({@code transcribe:transcribing, summarize:summarizing}).
 */
public record Pipeline(List<Stage> stages) {

    public record Stage(String name, JobStatus runningStatus) {
        public Stage {
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("invalid stage name: " + name);
            }
            if (runningStatus != JobStatus.TRANSCRIBING && runningStatus != JobStatus.SUMMARIZING) {
                throw new IllegalArgumentException("stage " + name + " must run as transcribing or summarizing");
            }
        }
    }

    public static final Pipeline DEFAULT = parse(List.of("transcribe:transcribing", "summarize:summarizing"));

    public Pipeline {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        stages = List.copyOf(stages);
    }

    public static Pipeline parse(List<String> definitions) {
        List<Stage> stages = new ArrayList<>();
        for (String d : definitions) {
            String[] parts = d.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("pipeline stage must be written stage:status, got " + d);
            }
            stages.add(new Stage(parts[0], JobStatus.fromWire(parts[1])));
        }
        return new Pipeline(stages);
    }

    public Stage first() {
        return stages.getFirst();
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage: " + name));
    }

    /** The stage after {@code name}, or empty when it is the last. */
    public Optional<Stage> after(String name) {
        int i = stages.indexOf(stage(name));
        return i + 1 < stages.size() ? Optional.of(stages.get(i + 1)) : Optional.empty();
    }
}
