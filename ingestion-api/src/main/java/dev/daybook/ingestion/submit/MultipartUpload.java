package dev.daybook.ingestion.submit;

import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.ingestion.source.Spool;
import dev.daybook.ingestion.source.SpooledAudio;
import dev.daybook.ingestion.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code multipart/form-data} body of an upload in one pass: the {@code audio} part goes straight
 * into its spool file (hashed and sniffed on the way), the form fields into memory, everything else is
 * skipped. Nothing is parsed to a temp file first and copied after, as Tomcat's multipart support did.
 *
 * <p>The parser is Jetty's {@link MultiPart.Parser} (jetty-http, nothing else of Jetty): it finds boundaries
 * with a skipping search, where Tomcat's and Commons FileUpload's test every byte, which was 29 % of the
 * request threads' time. It is fed the request body as it arrives and calls back synchronously, so each buffer
 * is written to the spool before the next is read.
 *
 * <p>Refusals keep the codes Tomcat's parsing gave: a body that ends early, has no or another boundary, or no
 * file part {@code audio}, is 400 {@code invalid_request}; more parts or longer part headers than Tomcat
 * allowed (50, 512 bytes) and an audio part over the size limit are 413 {@code audio_too_large}. A refused
 * upload's spool file is deleted before the refusal leaves.
 */
final class MultipartUpload {

    private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);

    /** Tomcat's {@code maxPartCount} and {@code maxPartHeaderSize}, which the API kept until now. */
    static final int MAX_PARTS = 50;
    static final int MAX_PART_HEADERS = 512;
    /** A form field longer than this is no language tag, priority, date or URL; it is not kept in memory. */
    static final int MAX_FIELD_BYTES = 256 * 1024;
    /** Room for boundaries and fields around the audio part (the admission filter allows as much). */
    static final long OVERHEAD = 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    /** The spooled audio (the caller closes it) and the form fields asked for. */
    record Parsed(SpooledAudio audio, Map<String, String> fields) {
    }

    private MultipartUpload() {
    }

    /**
     * Parses {@code request}'s body, spooling its one file part {@code audio}, and returns it with the fields
     * named in {@code fieldNames}. A field sent twice (or also in the query string) is joined with commas, as
     * Spring's {@code @RequestParam} did.
     */
    static Parsed read(HttpServletRequest request, Spool spool, long maxAudioBytes, Set<String> fieldNames) {
        String boundary = MultiPart.extractBoundary(request.getContentType());
        if (boundary == null || boundary.isEmpty()) {
            throw malformed();
        }
        Parts parts = new Parts(spool, maxAudioBytes, fieldNames);
        try {
            MultiPart.Parser parser = new MultiPart.Parser(boundary, parts);
            parser.setMaxParts(MAX_PARTS);
            parser.setPartHeadersMaxLength(MAX_PART_HEADERS);
            feed(request.getInputStream(), parser, parts, maxAudioBytes + OVERHEAD);
            if (parts.audio == null) {
                throw ApiException.invalid("the request body could not be read: missing part 'audio'");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String name : fieldNames) {
                String value = join(request.getParameterValues(name), parts.fields.get(name));
                if (value != null) {
                    fields.put(name, value);
                }
            }
            return new Parsed(parts.audio, fields);
        } catch (IOException e) {
            parts.abandon();
            throw malformed(); // the client's stream broke or timed out
        } catch (RuntimeException e) {
            parts.abandon();
            throw e;
        }
    }

    private static void feed(InputStream in, MultiPart.Parser parser, Parts parts, long maxRequestBytes) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (!parts.complete) {
            int n = in.read(buf);
            if (n < 0) {
                parser.parse(Content.Chunk.EOF);
            } else {
                total += n;
                if (total > maxRequestBytes) {
                    throw AudioRejected.tooLarge("the upload exceeds the size limit");
                }
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buf, 0, n), false));
            }
            parts.rethrow();
            if (n < 0 && !parts.complete) {
                throw malformed();
            }
        }
    }

    private static String join(String[] query, String body) {
        StringBuilder joined = new StringBuilder();
        if (query != null) {
            for (String q : query) {
                joined.append(joined.isEmpty() ? "" : ",").append(q);
            }
        }
        if (body != null) {
            joined.append(joined.isEmpty() ? "" : ",").append(body);
        }
        return query == null && body == null ? null : joined.toString();
    }

    private static ApiException malformed() {
        return ApiException.invalid("the request body could not be read: malformed");
    }

    /**
     * The parser's listener. Jetty logs and swallows what a listener throws, so each callback keeps its
     * failure here instead, skips the rest, and {@link #rethrow()} raises it after the parser returns.
     */
    private static final class Parts extends MultiPart.AbstractPartsListener {
        private final Spool spool;
        private final long maxAudioBytes;
        private final Set<String> fieldNames;
        final Map<String, String> fields = new LinkedHashMap<>();
        SpooledAudio audio;
        boolean complete;
        private RuntimeException failure;
        private Spool.Writer writer;
        private ByteArrayOutputStream field;
        private boolean sawAudio;

        Parts(Spool spool, long maxAudioBytes, Set<String> fieldNames) {
            this.spool = spool;
            this.maxAudioBytes = maxAudioBytes;
            this.fieldNames = fieldNames;
        }

        @Override
        public void onPartHeaders() {
            if (failure != null) {
                return;
            }
            String name = getName();
            boolean file = getFileName() != null;
            try {
                if ("audio".equals(name) && file) {
                    if (sawAudio) {
                        throw ApiException.invalid("send exactly one 'audio' part");
                    }
                    sawAudio = true;
                    writer = spool.open(maxAudioBytes);
                } else if (name != null && fieldNames.contains(name)) {
                    if (file) {
                        throw ApiException.invalid("'" + name + "' must be a form field, not a file");
                    }
                    field = new ByteArrayOutputStream();
                }
            } catch (IOException e) {
                fail(new UncheckedIOException(e));
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /**
         * The parser owns {@code chunk}: a slice of the request buffer, or its own copy of a CR or of boundary
         * bytes that turned out to be content. It is used here and neither retained nor released (releasing
         * the parser's shared chunks breaks them).
         */
        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (failure != null) {
                return;
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if (writer != null) {
                    writer.write(bytes);
                } else if (field != null) {
                    if (field.size() + n > MAX_FIELD_BYTES) {
                        throw ApiException.invalid("field '" + getName() + "' is longer than " + MAX_FIELD_BYTES + " bytes");
                    }
                    byte[] copy = new byte[n];
                    bytes.duplicate().get(copy);
                    field.write(copy, 0, n);
                }
            } catch (IOException e) {
                fail(new UncheckedIOException(e)); // the spool's disk, not the client
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** Called by {@link MultiPart.AbstractPartsListener#onPartEnd()} once a part's content has ended. */
        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            try {
                if (failure == null && writer != null) {
                    audio = writer.finish();
                } else if (failure == null && field != null) {
                    fields.merge(name, field.toString(StandardCharsets.UTF_8), (a, b) -> a + "," + b);
                }
            } catch (IOException e) {
                fail(new UncheckedIOException(e));
            } finally {
                closeWriter();
                field = null;
            }
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            // the parser's part-count and header-length limits: Tomcat's answered 413 for both
            String message = String.valueOf(cause.getMessage());
            boolean limit = cause instanceof IllegalStateException
                    && (message.startsWith("Form with too many keys") || message.startsWith("headers max length exceeded"));
            log.debug("multipart body refused", cause);
            fail(limit ? AudioRejected.tooLarge("the upload exceeds the size limit") : malformed());
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }

        private void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            closeWriter();
            field = null;
        }

        /** Deletes whatever this request spooled: on every refusal, before it leaves. */
        void abandon() {
            closeWriter();
            if (audio != null) {
                try {
                    audio.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                audio = null;
            }
        }

        private void closeWriter() {
            if (writer != null) {
                try {
                    writer.close(); // deletes the file unless it was finished
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    writer = null;
                }
            }
        }
    }
}
