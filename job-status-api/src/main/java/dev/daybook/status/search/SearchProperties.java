package dev.daybook.status.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search over the diary (docs/search.md).
 *
 * @param indexer        whether this process embeds entries in the background (any number may: each takes its
 *                       own rows and a row written twice is written the same)
 * @param indexerBatch   entries embedded per round
 * @param indexerIdle    how long the indexer waits when nothing is left to embed
 * @param passageWords   words per transcript passage embedded on its own
 * @param candidates     how many hits of each ranking fused search considers (and the most a semantic search
 *                       returns, over all its pages)
 * @param rrfK           reciprocal rank fusion's constant: a hit at rank r in a list adds 1 / (k + r)
 * @param minSimilarity  cosine similarity below which a passage is not a hit by meaning
 * @param cachedUsers    how many users' passage vectors a process keeps in memory for search by meaning
 * @param vectorsRecheck how long a user's cached vectors are used before the table is asked whether they
 *                       changed: how much later a newly embedded entry may be found by meaning
 */
@ConfigurationProperties("daybook.search")
public record SearchProperties(
        @DefaultValue("true") boolean indexer,
        @DefaultValue("32") int indexerBatch,
        @DefaultValue("2s") Duration indexerIdle,
        @DefaultValue("100") int passageWords,
        @DefaultValue("100") int candidates,
        @DefaultValue("60") int rrfK,
        @DefaultValue("0.2") double minSimilarity,
        @DefaultValue("50") int cachedUsers,
        @DefaultValue("1s") Duration vectorsRecheck) {
}
