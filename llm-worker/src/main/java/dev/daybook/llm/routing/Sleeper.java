package dev.daybook.llm.routing;

import java.time.Duration;

/** Waiting, behind an interface so that tests can record the waits instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
