package dev.daybook.status.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;

class ResultsApiTest extends StatusApiTestBase {

    @Test
    void transcriptInEveryFormat() throws Exception {
        String id = completedJob("reader");
        String token = TOKENS.user("reader");
        String path = "/v1/jobs/" + id + "/transcript";

        HttpResponse<String> asJson = get(path, token);
        assertThat(asJson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(asJson.body()).isEqualTo(Files.readString(fixture("transcript.json")));

        HttpResponse<String> vtt = get(path, token, "Accept", "text/vtt");
        assertThat(vtt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/vtt"));
        assertThat(vtt.body()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:02.800\nToday I walked to the market with Sam.\n");

        HttpResponse<String> srt = get(path + "?format=srt", token);
        assertThat(srt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-subrip"));
        assertThat(srt.body()).contains("2\n00:00:02,800 --> 00:00:06,100\nI need to call mum tomorrow.\n");

        HttpResponse<String> text = get(path, token, "Accept", "text/plain");
        assertThat(text.body()).isEqualTo("Today I walked to the market with Sam. I need to call mum tomorrow.\n");

        HttpResponse<String> png = get(path, token, "Accept", "image/png");
        assertThat(png.statusCode()).isEqualTo(406);
        assertThat(png.body()).contains("not_acceptable");
    }

    @Test
    void noteAsJsonAndMarkdown() throws Exception {
        String id = completedJob("reader");
        String token = TOKENS.user("reader");

        assertThat(get("/v1/jobs/" + id + "/note", token).body()).isEqualTo(Files.readString(fixture("note.json")));
        HttpResponse<String> md = get("/v1/jobs/" + id + "/note", token, "Accept", "text/markdown");
        assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
        assertThat(md.body()).startsWith("# Market walk with Sam\n\nWalked to the market with Sam.\n")
                .contains("- [ ] call mum tomorrow");
    }

    @Test
    void audioIsStreamedFromTheColdTier() throws Exception {
        String id = completedJob("reader");

        HttpResponse<byte[]> audio = getBytes("/v1/jobs/" + id + "/audio", TOKENS.user("reader"));

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(audio.body()).isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
    }

    @Test
    void audioAnswersARangeRequestWithThoseBytesOnly() throws Exception {
        String id = completedJob("seeker");
        byte[] file = Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav"));

        HttpResponse<byte[]> part = getBytes("/v1/jobs/" + id + "/audio", TOKENS.user("seeker"), "Range", "bytes=1000-1999");

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + file.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(file, 1000, 2000));
        assertThat(getBytes("/v1/jobs/" + id + "/audio", TOKENS.user("stranger"), "Range", "bytes=0-99").statusCode())
                .isEqualTo(404);
    }

    @Test
    void resultsOfAnUnfinishedJobAreNotReady() {
        String id = queuedJob("reader");
        HttpResponse<String> res = get("/v1/jobs/" + id + "/note", TOKENS.user("reader"));
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("\"code\":\"note_not_ready\"");
        assertThat(get("/v1/jobs/" + id + "/transcript", TOKENS.user("stranger")).body()).contains("job_not_found");
    }
}
