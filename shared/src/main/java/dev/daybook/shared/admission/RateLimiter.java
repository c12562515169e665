package dev.daybook.shared.admission;

import dev.daybook.shared.queue.RedisKeys;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token buckets in Redis (Bucket4j's compare-and-swap proxy), one per user and one per client address, each
 * holding every window of its policy: a submission needs a token from each window at once, and the CAS keeps
 * that exact however many service instances and threads consume concurrently. Windows refill whole at their
 * interval, so "10 per minute" means at most 10 in any such interval. Keys live under the feature prefix.
 * An upload (ingestion-api) and an imported entry (job-status-api's {@code import}) take from the same user bucket.
 */
public class RateLimiter {

    /** The result of one attempt, with what the {@code RateLimit-*} headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds, String policy) {
    }

    private final ProxyManager<byte[]> buckets;
    private final RedisKeys keys;
    private final Map<String, Policy> tiers;
    private final Policy perIp;

    public RateLimiter(UnifiedJedis redis, RedisKeys keys, AdmissionProperties properties) {
        this.keys = keys;
        this.tiers = properties.tiers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Policy.of(e.getValue())));
        this.perIp = Policy.of(properties.perIp());
        Duration longest = tiers.values().stream().map(Policy::longest).max(Comparator.naturalOrder()).orElseThrow();
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        longest.compareTo(perIp.longest()) > 0 ? longest : perIp.longest()))
                .build();
    }

    public Decision user(String userId, String tier) {
        Policy policy = tiers.getOrDefault(tier, tiers.get("standard"));
        String t = tiers.containsKey(tier) ? tier : "standard";
        return consume("user:" + t + ":" + userId, policy);
    }

    public Decision ip(String address) {
        return consume("ip:" + address, perIp);
    }

    private Decision consume(String id, Policy policy) {
        byte[] key = keys.feature("ratelimit", id).getBytes(StandardCharsets.UTF_8);
        ConsumptionProbe probe = buckets.builder().build(key, policy::configuration).tryConsumeAndReturnRemaining(1);
        // RateLimit-Limit names the shortest window, so Reset does too: it refills whole within that window
        long reset = Math.min(seconds(probe.getNanosToWaitForReset()), policy.shortest().window().toSeconds());
        return new Decision(probe.isConsumed(), policy.shortest().capacity(), probe.getRemainingTokens(), reset,
                Math.max(1, seconds(probe.getNanosToWaitForRefill())), policy.header());
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private record Policy(List<AdmissionProperties.Limit> limits) {

        static Policy of(List<String> specs) {
            return new Policy(specs.stream().map(AdmissionProperties.Limit::parse)
                    .sorted(Comparator.comparing(AdmissionProperties.Limit::window)).toList());
        }

        BucketConfiguration configuration() {
            ConfigurationBuilder builder = BucketConfiguration.builder();
            for (AdmissionProperties.Limit l : limits) {
                builder.addLimit(Bandwidth.builder().capacity(l.capacity()).refillIntervally(l.capacity(), l.window()).build());
            }
            return builder.build();
        }

        AdmissionProperties.Limit shortest() {
            return limits.getFirst();
        }

        Duration longest() {
            return limits.getLast().window();
        }

        /** {@code RateLimit-Policy}: {@code 10;w=60, 100;w=3600}. */
        String header() {
            return limits.stream().map(l -> l.capacity() + ";w=" + l.window().toSeconds()).collect(Collectors.joining(", "));
        }
    }
}
