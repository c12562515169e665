package dev.daybook.shared.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP trace receiver (protobuf, as the OpenTelemetry exporters send it; gzip or not), decoded with
 * the opentelemetry-proto classes. It keeps every span it is sent and, run as a program, appends each as a line
 * of tab-separated fields ({@link ReceivedSpan#line}) to a file, so a script can check what a whole stack sent:
 * {@code java ... OtlpReceiver <port> <spans.tsv>} (bin/trace-e2e).
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as received: ids in lower-case hex, the sender's {@code service.name}, the job id attribute if any. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String service, String name,
                               String kind, String jobId) {
        public String line() {
            return String.join("\t", traceId, spanId, parentSpanId, service, name, kind, jobId);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final Path out;

    private OtlpReceiver(int port, Path out) throws IOException {
        this.out = out;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/traces", this::handle);
        server.start();
    }

    /** A receiver on a free loopback port that only keeps the spans (tests read {@link #spans}). */
    public static OtlpReceiver start() {
        return start(0, null);
    }

    public static OtlpReceiver start(int port, Path out) {
        try {
            return new OtlpReceiver(port, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What exporters are pointed at: {@code http://127.0.0.1:<port>/v1/traces}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = body(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            List<ReceivedSpan> received = decode(request);
            spans.addAll(received);
            if (out != null) {
                List<String> lines = new ArrayList<>();
                received.forEach(s -> lines.add(s.line()));
                synchronized (this) {
                    Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = exchange.getRequestBody();
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in) : in;
    }

    static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
        List<ReceivedSpan> result = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = attribute(rs.getResource().getAttributesList(), "service.name");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    result.add(new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), service, span.getName(),
                            span.getKind().name(), attribute(span.getAttributesList(), "daybook.job.id")));
                }
            }
        }
        return result;
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().getStringValue()).orElse("");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** {@code OtlpReceiver <port> <file>}: receives until killed, appending each span to the file. */
    public static void main(String[] args) throws InterruptedException {
        OtlpReceiver receiver = start(Integer.parseInt(args[0]), Path.of(args[1]));
        System.out.println("otlp receiver: " + receiver.endpoint() + " -> " + args[1]);
        Thread.currentThread().join();
    }
}
