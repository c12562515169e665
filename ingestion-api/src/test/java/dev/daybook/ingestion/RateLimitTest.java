package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/** Bucket4j on the real Redis: exact under concurrency, tiers from the token, and the contract's headers. */
class RateLimitTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.tiers.standard", () -> "5/1m,50/1h,100/1d");
        registry.add("daybook.ingestion.admission.tiers.premium", () -> "8/1m,80/1h,100/1d");
    }

    @Test
    void manyConcurrentClientsNeverGetMoreThanTheBucketHolds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ResponseEntity<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // not-audio is refused cheaply after admission: what is counted here is admission alone
            calls.add(pool.submit(() -> post("burst", "standard")));
        }
        int admitted = 0;
        int limited = 0;
        for (Future<ResponseEntity<String>> f : calls) {
            int status = f.get().getStatusCode().value();
            if (status == 429) {
                limited++;
            } else {
                assertThat(status).isEqualTo(415);
                admitted++;
            }
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(5);
        assertThat(limited).isEqualTo(35);
    }

    @Test
    void rejectionCarriesRetryAfterAndRateLimitHeaders() {
        ResponseEntity<String> first = post("headers", "standard");
        assertThat(first.getHeaders().getFirst("RateLimit-Limit")).isEqualTo("5");
        assertThat(first.getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("4");
        assertThat(first.getHeaders().getFirst("RateLimit-Policy")).isEqualTo("5;w=60, 50;w=3600, 100;w=86400");
        assertThat(Long.parseLong(first.getHeaders().getFirst("RateLimit-Reset"))).isBetween(1L, 60L);
        for (int i = 0; i < 4; i++) {
            post("headers", "standard");
        }
        ResponseEntity<String> limited = post("headers", "standard");
        assertThat(limited.getStatusCode().value()).isEqualTo(429);
        assertThat(json(limited).path("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(filesUnder("multipart")).isZero();
    }

    @Test
    void premiumTierGetsItsOwnLargerBucket() {
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            if (post("vip", "premium").getStatusCode().value() != 429) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(8);
        assertThat(post("vip-neighbour", "standard").getStatusCode().value()).isEqualTo(415);
    }

    private ResponseEntity<String> post(String user, String tier) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>(Map.of("audio",
                List.of(new FileSystemResource(DIARY.resolve("not-audio.mp3")))));
        return client().post().uri("/v1/jobs").contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> h.setBearerAuth(token(user, tier)))
                .body(parts).retrieve().toEntity(String.class);
    }
}
