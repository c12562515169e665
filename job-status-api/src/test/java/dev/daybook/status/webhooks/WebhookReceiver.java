package dev.daybook.status.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback that answers with the statuses it is given (in order, the last one repeating),
 * records every request, and checks signatures the way the Standard Webhooks specification tells receivers to —
 * written from the specification here, independently of Daybook's signer.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String id, String timestamp, String signature, String body, boolean signatureValid) {
    }

    private final HttpServer server;
    private volatile byte[] key = new byte[0];
    private final LinkedBlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int last = 204;
    private volatile CountDownLatch hold;
    final CountDownLatch firstRequest = new CountDownLatch(1);

    /** A receiver that trusts {@code whsecSecret}, as one configured by hand. */
    public WebhookReceiver(String whsecSecret, Integer... statuses) throws IOException {
        this(statuses);
        trust(whsecSecret);
    }

    /** A receiver that trusts no secret until it is given its endpoint's ({@link #trust}). */
    public WebhookReceiver(Integer... statuses) throws IOException {
        answers.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = ex.getRequestHeaders().getFirst("webhook-signature");
            received.add(new Received(id, ts, sig, body, valid(key, id, ts, body, sig)));
            firstRequest.countDown();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer next = answers.poll();
            int status = next == null ? last : next;
            last = status;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The secret the receiver checks signatures with from now on (its endpoint's, as registered or rotated). */
    public WebhookReceiver trust(String whsecSecret) {
        this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        return this;
    }

    /** Whether {@code r} carries a valid signature by {@code whsecSecret}: how a receiver holding that key judges it. */
    static boolean verifies(Received r, String whsecSecret) {
        return valid(Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())), r.id(), r.timestamp(),
                r.body(), r.signature());
    }

    /** Requests are held (no answer) until {@link #release()}: a sender can be killed mid-delivery. */
    void holdRequests() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return received;
    }

    private static boolean valid(byte[] key, String id, String ts, String body, String header) {
        if (key.length == 0 || id == null || ts == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
            for (String part : header.split(" ")) { // several signatures may be sent, space separated
                if (part.equals("v1," + expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
