package dev.daybook.shared.queue;

import java.util.Map;

/** Small stage handlers for tests. */
final class Handlers {

    private Handlers() {
    }

    interface Body {
        StageResult run(JobContext ctx) throws Exception;
    }

    static StageHandler of(String stage, Body body) {
        return new StageHandler() {
            @Override
            public String stage() {
                return stage;
            }

            @Override
            public StageResult handle(JobContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    /** Does nothing and stores {@code <stage>_by = <job id>} as its result pointer. */
    static StageHandler noop(String stage) {
        return of(stage, ctx -> StageResult.of(Map.of(stage + "_result", "done-" + ctx.job().id())));
    }
}
