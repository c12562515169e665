package dev.daybook.status.diary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seeds completed entries with the note and transcript a test gives, and reads the diary's index over HTTP. */
abstract class DiaryTestBase extends StatusApiTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fresh user per test, so tests sharing the database never see each other's entries. */
    protected final String user = "diarist-" + UUID.randomUUID();
    protected final String token = TOKENS.user(user);

    /** The parts of a note a test cares about; the rest is filled in. */
    protected record NoteOf(String title, List<String> people, List<String> places, List<String> todos,
                            String moodLabel, double moodScore) {

        static NoteOf titled(String title) {
            return new NoteOf(title, List.of(), List.of(), List.of(), "neutral", 0);
        }

        NoteOf people(String... names) {
            return new NoteOf(title, List.of(names), places, todos, moodLabel, moodScore);
        }

        NoteOf places(String... names) {
            return new NoteOf(title, people, List.of(names), todos, moodLabel, moodScore);
        }

        NoteOf todos(String... items) {
            return new NoteOf(title, people, places, List.of(items), moodLabel, moodScore);
        }

        NoteOf mood(String label, double score) {
            return new NoteOf(title, people, places, todos, label, score);
        }
    }

    /**
     * A completed entry of {@code owner}, spoken at {@code recordedAt} (ISO-8601), whose transcript is
     * {@code said} and whose note is {@code note}, recorded as the recorder would record it.
     */
    protected String entry(String owner, String recordedAt, NoteOf note, String said) {
        String id = UUID.randomUUID().toString();
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        String noteKey = TieredStorage.jobKey(id, "note.json");
        Map<String, Object> noteJson = new LinkedHashMap<>();
        noteJson.put("title", note.title());
        noteJson.put("summary", note.title() + ".");
        noteJson.put("mood", Map.of("label", note.moodLabel(), "score", note.moodScore()));
        noteJson.put("highlights", List.of());
        noteJson.put("todos", note.todos());
        noteJson.put("people", note.people());
        noteJson.put("places", note.places());
        noteJson.put("tags", List.of());
        noteJson.put("generated_by", Map.of("provider", "local", "model", "extractive-v2"));
        try {
            storage.tier(Tier.HOT).put(noteKey, new ByteArrayInputStream(JSON.writeValueAsBytes(noteJson)));
            storage.tier(Tier.HOT).put(transcriptKey, new ByteArrayInputStream(JSON.writeValueAsBytes(
                    Map.of("text", said, "language", "en", "duration_s", 5.0))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.RECORDED_AT, recordedAt);
        queue.enqueue(new NewJob(id, owner, Priority.NORMAL, null, fields));
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "completed", JobFields.STAGE, "summarize",
                JobFields.PROGRESS, "1", JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.NOTE_KEY, noteKey,
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis()),
                JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 1)));
        backfill.copy(id);
        return id;
    }

    protected String entry(String recordedAt, NoteOf note) {
        return entry(user, recordedAt, note, note.title() + ".");
    }

    protected JsonNode getJson(String path) {
        return getJson(path, token);
    }

    protected JsonNode getJson(String path, String as) {
        HttpResponse<String> r = get(path, as);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    protected HttpResponse<String> patch(String path, String body, String as) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + as);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static List<String> texts(JsonNode array, String field) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.path(field).isNull() ? null : n.path(field).asString()));
        return out;
    }
}
