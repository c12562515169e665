package dev.daybook.llm.routing;

import java.util.List;

/** Turns a model's answer into a value, or into the errors that go back to the model in its one repair. */
@FunctionalInterface
public interface AnswerParser<T> {

    Parsed<T> parse(String answer);

    /** A value, or the reasons the answer is not one (worded for the model). */
    record Parsed<T>(T value, List<String> errors) {

        public Parsed {
            errors = List.copyOf(errors);
        }

        public static <T> Parsed<T> valid(T value) {
            return new Parsed<>(value, List.of());
        }

        public static <T> Parsed<T> invalid(List<String> errors) {
            return new Parsed<>(null, errors);
        }

        public boolean ok() {
            return value != null;
        }
    }
}
