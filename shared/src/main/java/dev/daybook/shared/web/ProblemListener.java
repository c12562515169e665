package dev.daybook.shared.web;

/** Told of every problem the controller advice renders, e.g. to count rejections by code. */
@FunctionalInterface
public interface ProblemListener {

    void rendered(int status, String code);
}
