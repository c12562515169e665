package dev.daybook.llm.routing;

import java.util.List;

/**
 * What the router came back with for any kind of answer: the value and the provider and model that gave it, or
 * none, with every attempt either way. {@code contextTooLong}: the prompt fit no available model.
 */
public record Answered<T>(T value, String provider, String model, List<Attempt> attempts, boolean contextTooLong) {

    public Answered {
        attempts = List.copyOf(attempts);
    }

    public boolean ok() {
        return value != null;
    }
}
