package dev.daybook.status.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbedderTest {

    private final Embedder embedder = new Embedder();

    @Test
    void putsTextsAboutTheSameThingNearerThanUnrelatedOnes() {
        float[] query = embedder.embed("my dog");
        double dog = Embedder.dot(query, embedder.embed("Walk with Rex. Took the puppy to the woods."));
        double tax = Embedder.dot(query, embedder.embed("Tax return. Filled in forms for the accountant."));

        assertThat(dog).isGreaterThan(tax + 0.1);
    }

    @Test
    void makesUnitVectorsOfTheModelsDimensions() {
        float[] v = embedder.embed("a quiet evening at home");

        assertThat(v).hasSize(Embedder.DIMENSIONS);
        assertThat(Embedder.dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
