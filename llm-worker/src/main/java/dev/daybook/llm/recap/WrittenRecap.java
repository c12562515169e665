package dev.daybook.llm.recap;

import dev.daybook.llm.routing.Attempt;
import dev.daybook.shared.recap.Recap;
import java.util.List;

/** A recap, every attempt it took, and how many of a model's citations named entries that were not sent. */
record WrittenRecap(Recap recap, List<Attempt> attempts, int droppedCitations) {
}
