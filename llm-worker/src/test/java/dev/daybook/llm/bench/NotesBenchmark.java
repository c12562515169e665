package dev.daybook.llm.bench;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.note.NotePrompt;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.llm.routing.Routed;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterFixture;
import dev.daybook.llm.routing.Sleeper;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.RedisClient;

/**
 * Scores the note writers on the labelled diary transcripts ({@code testdata/notes/entries.jsonl}), per field,
 * on the written form and on the unpunctuated lower-case form a speech recogniser gives, for the tuning
 * ({@code dev}) and the {@code held_out} part separately.
 *
 * <p>Writers: the local generator, and the provider path (prompt → LangChain4j OpenAI client → HTTP → parse
 * and validate → router) against a WireMock fake scripted to answer each transcript with its labels. The fake
 * knows the answers, so its score is what the plumbing keeps of a perfect model's note; a shortfall there is
 * a bug in the path, not in a model. Run: {@code make bench-notes} ({@code BENCH_ARGS=misses} also prints every
 * entry's misses for the local generator).
 */
public final class NotesBenchmark {

    public static void main(String[] args) throws Exception {
        boolean misses = List.of(args).contains("misses");
        List<LabelledEntry> entries = LabelledEntry.load(LabelledEntry.defaultFile());
        LocalNoteGenerator local = new LocalNoteGenerator();
        System.out.printf(Locale.ROOT, "%d labelled entries (%d dev, %d held out)%n%n", entries.size(),
                entries.stream().filter(e -> e.split().equals("dev")).count(),
                entries.stream().filter(e -> e.split().equals("held_out")).count());
        header();
        score("local", entries, e -> local.generate(e.text()), "written");
        score("local", entries, e -> local.generate(e.asrForm()), "asr");
        if (misses) {
            printMisses(entries, local);
        }
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisClient redis = RedisClients.create(new RedisProperties(server.uri(), 8, Duration.ofSeconds(5)));
             FakeProviders fakes = new FakeProviders()) {
            Router router = RouterFixture.router(List.of(fakes.provider("openai", "gpt-4o")), RouterFixture.props(100, 0.9),
                    redis, RouterFixture.freshKeys(), Clock.systemUTC(), Sleeper.REAL);
            for (LabelledEntry e : entries) {
                ScriptedAnswers.script(fakes, e);
            }
            score("provider (scripted fake)", entries, e -> routed(router, e.text()), "written");
            score("provider (scripted fake)", entries, e -> routed(router, e.asrForm()), "asr");
        }
    }

    private static Note routed(Router router, String transcript) {
        try {
            Routed r = router.route(NotePrompt.forTranscript(transcript, RouterFixture.JSON));
            if (!r.ok()) {
                throw new IllegalStateException("the provider path gave no note: " + r.attempts());
            }
            return r.note();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header() {
        System.out.println("| writer | form | split | n | title P / R / F1 | people P / R / F1 | places P / R / F1 | to-dos P / R / F1 | mood accuracy |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
    }

    private static void score(String writer, List<LabelledEntry> entries, Function<LabelledEntry, Note> write, String form) {
        Map<String, NoteScores> bySplit = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (LabelledEntry e : entries) {
            Note note = write.apply(e);
            for (String split : List.of(e.split(), "all")) {
                bySplit.computeIfAbsent(split, s -> new NoteScores()).add(e, note);
                sizes.merge(split, 1, Integer::sum);
            }
        }
        for (String split : List.of("dev", "held_out", "all")) {
            NoteScores s = bySplit.get(split);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %d |", writer, form, split, sizes.get(split)));
            for (String field : List.of("title", "people", "places", "todos")) {
                row.append(String.format(Locale.ROOT, " %.2f / %.2f / **%.2f** |", s.precision(field), s.recall(field), s.f1(field)));
            }
            row.append(String.format(Locale.ROOT, " %.2f |", s.recall("mood")));
            System.out.println(row);
        }
    }

    private static void printMisses(List<LabelledEntry> entries, LocalNoteGenerator local) {
        for (LabelledEntry e : entries) {
            for (String text : List.of(e.text(), e.asrForm())) {
                Note n = local.generate(text);
                System.out.printf(Locale.ROOT, "%n%s %s%n  title %s | want %s%n  people %s | want %s%n  places %s | want %s%n"
                                + "  todos %s | want %s%n  mood %s | want %s%n", e.id(), text == e.text() ? "written" : "asr",
                        n.title(), e.title(), n.people(), e.people(), n.places(), e.places(), n.todos(), e.todos(),
                        n.mood().label(), e.mood());
            }
        }
    }
}
