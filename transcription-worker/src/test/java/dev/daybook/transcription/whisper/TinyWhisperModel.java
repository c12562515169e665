package dev.daybook.transcription.whisper;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a whisper.cpp ggml model file small enough to make in a test (about 2 MB): one encoder and one
 * decoder layer, 16-wide states, but the real vocabulary size (51865, multilingual) and contexts
 * (1500 audio, 448 text) that whisper.cpp's special-token ids and windows assume.
 *
 * <p>Almost every weight is zero, so the network collapses to its embeddings and the decoder's final layer
 * norm; those are set so that greedy decoding is certain at each step: a timestamp {@code <|0.00|>}, then
 * the text token " hello", then end-of-text. The output is therefore known in advance, which lets a test
 * check the whole path — loading, states, the decode call, segment text and timestamps — without a real
 * model. It says nothing about accuracy.
 */
public final class TinyWhisperModel {

    public static final String WORD = " hello";

    private static final int N_VOCAB = 51865;
    private static final int AUDIO_CTX = 1500;
    private static final int TEXT_CTX = 448;
    private static final int STATE = 16;
    private static final int MELS = 80;
    private static final int TOKEN_HELLO = 3;
    private static final int TOKEN_EOT = 50257;
    private static final int TOKEN_BEG = 50364;

    private final DataOutputStream out;

    private TinyWhisperModel(DataOutputStream out) {
        this.out = out;
    }

    public static Path write(Path file) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
            new TinyWhisperModel(new DataOutputStream(raw)).writeAll();
        }
        return file;
    }

    private void writeAll() throws IOException {
        i32(0x67676d6c);
        for (int v : new int[] {N_VOCAB, AUDIO_CTX, STATE, 1, 1, TEXT_CTX, STATE, 1, 1, MELS, 1}) {
            i32(v);
        }
        i32(MELS);
        i32(201);
        floats(new float[MELS * 201]);
        vocab("!", "\"", " ", WORD);
        encoder();
        decoder();
    }

    private void vocab(String... tokens) throws IOException {
        i32(tokens.length);
        for (String t : tokens) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            out.write(b);
        }
    }

    private void encoder() throws IOException {
        tensor("encoder.positional_embedding", new float[STATE * AUDIO_CTX], STATE, AUDIO_CTX);
        half("encoder.conv1.weight", new float[3 * MELS * STATE], 3, MELS, STATE);
        tensor("encoder.conv1.bias", new float[STATE], 1, STATE);
        half("encoder.conv2.weight", new float[3 * STATE * STATE], 3, STATE, STATE);
        tensor("encoder.conv2.bias", new float[STATE], 1, STATE);
        tensor("encoder.ln_post.weight", new float[STATE], STATE);
        tensor("encoder.ln_post.bias", new float[STATE], STATE);
        block("encoder.blocks.0.", false);
    }

    private void decoder() throws IOException {
        // position p of the decoder input: 0-1 SOT and language, 2 task, 3 the timestamp, 4 " hello"
        float[] pe = new float[STATE * TEXT_CTX];
        pe[2 * STATE + 3] = 30;
        pe[3 * STATE + 1] = 30;
        pe[4 * STATE + 2] = 30;
        float[] te = new float[STATE * N_VOCAB];
        te[TOKEN_BEG * STATE + 3] = 10;
        te[TOKEN_HELLO * STATE + 1] = 10;
        te[TOKEN_EOT * STATE + 2] = 10;
        float[] ones = new float[STATE];
        java.util.Arrays.fill(ones, 1f);
        tensor("decoder.positional_embedding", pe, STATE, TEXT_CTX);
        half("decoder.token_embedding.weight", te, STATE, N_VOCAB);
        tensor("decoder.ln.weight", ones, STATE);
        tensor("decoder.ln.bias", new float[STATE], STATE);
        block("decoder.blocks.0.", true);
    }

    private void block(String p, boolean cross) throws IOException {
        vector(p + "mlp_ln.weight", STATE);
        vector(p + "mlp_ln.bias", STATE);
        half(p + "mlp.0.weight", new float[STATE * 4 * STATE], STATE, 4 * STATE);
        vector(p + "mlp.0.bias", 4 * STATE);
        half(p + "mlp.2.weight", new float[4 * STATE * STATE], 4 * STATE, STATE);
        vector(p + "mlp.2.bias", STATE);
        attention(p + "attn_ln", p + "attn");
        if (cross) {
            attention(p + "cross_attn_ln", p + "cross_attn");
        }
    }

    private void attention(String ln, String a) throws IOException {
        vector(ln + ".weight", STATE);
        vector(ln + ".bias", STATE);
        square(a + ".query.weight");
        vector(a + ".query.bias", STATE);
        square(a + ".key.weight");
        square(a + ".value.weight");
        vector(a + ".value.bias", STATE);
        square(a + ".out.weight");
        vector(a + ".out.bias", STATE);
    }

    private void square(String name) throws IOException {
        half(name, new float[STATE * STATE], STATE, STATE);
    }

    private void vector(String name, int n) throws IOException {
        tensor(name, new float[n], n);
    }

    /** An f32 tensor: biases, norms and positional embeddings stay f32 in an f16 model. */
    private void tensor(String name, float[] data, int... ne) throws IOException {
        header(name, 0, ne);
        floats(data);
    }

    /** An f16 tensor: the weight matrices, embeddings and convolution kernels of an f16 ({@code ftype} 1) model. */
    private void half(String name, float[] data, int... ne) throws IOException {
        header(name, 1, ne);
        ByteBuffer b = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            b.putShort(Float.floatToFloat16(f));
        }
        out.write(b.array());
    }

    /** Dimension count, name length, type; the dimensions innermost first; the name. */
    private void header(String name, int type, int... ne) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        i32(ne.length);
        i32(n.length);
        i32(type);
        for (int d : ne) {
            i32(d);
        }
        out.write(n);
    }

    private void floats(float[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        out.write(b.array());
    }

    private void i32(int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }
}
