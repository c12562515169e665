package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered stages a job goes through, each with the status a job shows while it runs there.
 * Written in configuration as {@code stage:status} ({@code transcribe:transcribing, summarize:summarizing}).
 *
 * <p>A stage written {@code stage:status:standalone} ({@code recap:summarizing:standalone}) is a job of its own
 * kind: only a job that starts there ({@code NewJob.startStage}) runs it, and the job ends when it is done. It is
 * never the stage after another one, so the entries' pipeline goes on past it as if it were not listed.
 */
public record Pipeline(List<Stage> stages) {

    /** @param standalone a job's only stage: never reached from another, never followed by one */
    public record Stage(String name, JobStatus runningStatus, boolean standalone) {

        public Stage(String name, JobStatus runningStatus) {
            this(name, runningStatus, false);
        }

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
        if (stages.stream().allMatch(Stage::standalone)) {
            throw new IllegalArgumentException("a pipeline needs at least one stage that is not standalone");
        }
        stages = List.copyOf(stages);
    }

    public static Pipeline parse(List<String> definitions) {
        List<Stage> stages = new ArrayList<>();
        for (String d : definitions) {
            String[] parts = d.trim().split(":");
            boolean standalone = parts.length == 3 && parts[2].equals("standalone");
            if (parts.length != 2 && !standalone) {
                throw new IllegalArgumentException(
                        "pipeline stage must be written stage:status or stage:status:standalone, got " + d);
            }
            stages.add(new Stage(parts[0], JobStatus.fromWire(parts[1]), standalone));
        }
        return new Pipeline(stages);
    }

    /** Where a job that names no start stage begins: the first stage that is not standalone. */
    public Stage first() {
        return stages.stream().filter(s -> !s.standalone()).findFirst().orElseThrow();
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage: " + name));
    }

    /** The stage after {@code name}, or empty when it is the last or standalone; standalone ones are passed over. */
    public Optional<Stage> after(String name) {
        Stage current = stage(name);
        if (current.standalone()) {
            return Optional.empty();
        }
        return stages.subList(stages.indexOf(current) + 1, stages.size()).stream()
                .filter(s -> !s.standalone()).findFirst();
    }
}
