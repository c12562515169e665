package dev.daybook.status.search;

import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.springframework.stereotype.Component;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) in this process through ONNX Runtime: the model ships inside its
 * jar, so search by meaning needs no service and works offline. Loaded on first use (about a second), as most
 * requests never need it. Vectors come out unit length, so cosine similarity is a dot product.
 */
@Component
class Embedder {

    static final int DIMENSIONS = 384;

    private volatile EmbeddingModel model;

    float[] embed(String text) {
        return unit(model().embed(text).content().vector());
    }

    List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> unit(e.vector())).toList();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }

    private static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
