package dev.daybook.status.diary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.status.recaps.RecapStage;
import dev.daybook.status.web.PagesScript;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs {@code src/test/e2e/diary.e2e.mjs} (headless Chromium) against a diary seeded through the real queue,
 * record and index: 24 entries on 24 days, one of them spoken (a real recording with word times), one typed with
 * markup in its text, people, to-dos and one to-do a later entry says was done. The script checks the list and
 * its infinite scroll, search and play, the panes, the mood chart, recaps asked for through the page and the API
 * (written by the contract recap stage on the real queue, one refused to show a failure) and the phone layout, and
 * leaves screenshots in target/screenshots; this test then checks in PostgreSQL what the page changed.
 */
class DiaryPageBrowserTest extends DiaryTestBase {

    private static final int ENTRIES = 24;

    @Autowired
    QueueProperties queueProperties;

    @Test
    void aDiaristListsSearchesPlaysAndTicksOffInARealBrowser() throws Exception {
        PagesScript.requireBrowser();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        entry(user, at(today, 10), NoteOf.titled("Errands").todos("buy stamps").mood("tired", -0.4), "I must buy stamps.");
        entry(user, at(today, 5), NoteOf.titled("Post office").mood("happy", 0.6),
                "I finally bought the stamps at the post office.");
        String safe = entry(user, at(today, 4), NoteOf.titled("Letters").mood("calm", 0.2),
                "Bought <b>stamps</b> & envelopes <img src=x onerror=alert(1)> for the letters.");
        entry(user, at(today, 3), NoteOf.titled("Lunch with Emma").people("Emma").places("Lisbon").mood("joyful", 0.8),
                "Had lunch with Emma by the river.");
        for (int day = 1; day <= 23; day++) {
            if (day != 10 && day != 5 && day != 4 && day != 3) {
                entry(user, at(today, day), NoteOf.titled("Day " + day).mood(day % 3 == 0 ? "low" : "content",
                        day % 3 == 0 ? -0.5 : 0.3), "An ordinary day, number " + day + ", with a walk.");
            }
        }
        Thread.sleep(5); // the spoken entry is the newest, whatever the clock's resolution
        String spoken = completedJob(user);
        assertThat(getJson("/v1/jobs?limit=100").path("jobs")).hasSize(ENTRIES);
        Path shots = Files.createDirectories(Path.of("target/screenshots")).toAbsolutePath();

        // The recap stage as llm-worker runs it on the real queue (RecapsApiTest's), refusing one-day recaps.
        Worker recapStage = RecapStage.start(redis, queueProperties, storage, JSON, r -> r.from().equals(r.to()));
        String log;
        try {
            log = PagesScript.run("diary.e2e.mjs", url(""), Map.of("USER_TOKEN", token, "SPOKEN_ID", spoken,
                    "SAFE_ID", safe, "TOTAL_ENTRIES", Integer.toString(ENTRIES), "MOOD_DAYS", Integer.toString(ENTRIES),
                    "SHOTS_DIR", shots.toString(), "RECAP_FROM", today.minusDays(30).toString(),
                    "RECAP_TO", today.toString(), "REFUSED_DAY", today.minusDays(3).toString()));
        } finally {
            recapStage.stop(Duration.ofSeconds(1));
        }

        assertThat(log).contains("diary e2e passed");
        assertThat(texts(getJson("/v1/todos?state=done").path("items"), "text"))
                .containsExactlyInAnyOrder("call mum tomorrow", "buy stamps");
        assertThat(getJson("/v1/todos?state=open").path("items")).isEmpty();
        for (String shot : new String[] {"diary-desktop.png", "diary-desktop-search.png", "diary-desktop-entry.png",
                "diary-desktop-recaps.png", "diary-desktop-recap-cited.png", "diary-phone.png", "diary-phone-panes.png",
                "diary-phone-recaps.png", "diary-phone-search.png", "diary-phone-open.png"}) {
            assertThat(shots.resolve(shot)).isNotEmptyFile();
        }
    }

    private static String at(LocalDate today, int daysAgo) {
        return today.minusDays(daysAgo) + "T09:00:00Z";
    }
}
