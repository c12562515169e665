package dev.daybook.shared.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.redis.LuaScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The users' webhook endpoints, in Redis beside the queue (ingestion-api checks a job's {@code callback_url}
 * against them; job-status-api manages them and signs with their secrets). Each endpoint is a hash holding its
 * user, URL, state and secrets; each user has a hash from URL to endpoint id, so a URL is registered once per
 * user and found in one lookup. Every change checks the owner inside its script: another user's endpoint
 * behaves exactly like a missing one. Secrets are stored as given (Redis encryption at rest is the operator's).
 */
public final class WebhookEndpoints {

    /** How a registration went. */
    public enum Registered { OK, URL_TAKEN, TOO_MANY }

    public record Registration(Registered outcome, WebhookEndpoint endpoint) {
    }

    private static final LuaScript REGISTER = LuaScript.named("webhooks/registerEndpoint-2");
    private static final LuaScript UPDATE = LuaScript.named("webhooks/updateEndpoint-1");
    private static final java.util.regex.Pattern WELL_FORMED = java.util.regex.Pattern.compile("we_[0-9a-f]{32}");
    private static final LuaScript ROTATE = LuaScript.named("webhooks/rotateEndpoint-1");
    private static final LuaScript DELETE = LuaScript.named("webhooks/deleteEndpoint-2");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock clock;

    public WebhookEndpoints(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** Registers {@code url} for {@code user} with a fresh secret, unless the user has it or too many already. */
    public Registration register(String user, String url, int maxPerUser) {
        Instant now = clock.instant();
        WebhookEndpoint e = new WebhookEndpoint("we_" + UUID.randomUUID().toString().replace("-", ""), user, url,
                true, now, WebhookSecrets.generate(), null, null);
        long r = (Long) REGISTER.run(redis, List.of(byUrl(user), endpoint(e.id())), List.of(url, e.id(),
                Integer.toString(maxPerUser), "user", user, "url", url, "enabled", "1",
                "created_at", Long.toString(now.toEpochMilli()), "secret", e.secret()));
        return new Registration(r == 1 ? Registered.OK : r == 0 ? Registered.URL_TAKEN : Registered.TOO_MANY,
                r == 1 ? e : null);
    }

    /** The user's endpoints, oldest first. */
    public List<WebhookEndpoint> list(String user) {
        List<String> ids = redis.hvals(byUrl(user));
        List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                hashes.add(p.hgetAll(endpoint(id)));
            }
            p.sync();
        }
        List<WebhookEndpoint> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            parse(ids.get(i), hashes.get(i).get()).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id));
        return out;
    }

    /** The endpoint {@code id}, whoever owns it (the delivery side); empty when deleted. */
    public Optional<WebhookEndpoint> find(String id) {
        return wellFormed(id) ? parse(id, redis.hgetAll(endpoint(id))) : Optional.empty();
    }

    /** The endpoint {@code id} when {@code user} owns it. */
    public Optional<WebhookEndpoint> find(String user, String id) {
        return find(id).filter(e -> e.userId().equals(user));
    }

    /** The user's endpoint for exactly this URL. */
    public Optional<WebhookEndpoint> forUrl(String user, String url) {
        String id = redis.hget(byUrl(user), url);
        return id == null ? Optional.empty() : find(user, id);
    }

    /** Gives the endpoint a new secret; the old one is signed with for {@code grace} more. Empty when not the user's. */
    public Optional<WebhookEndpoint> rotate(String user, String id, Duration grace) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String secret = WebhookSecrets.generate();
        long r = (Long) ROTATE.run(redis, List.of(endpoint(id)), List.of(user, secret,
                Long.toString(now.plus(grace).toEpochMilli()), Long.toString(now.toEpochMilli())));
        return r == 1 ? find(user, id) : Optional.empty();
    }

    /** Enables or disables deliveries to the endpoint; false when it is not the user's. */
    public boolean setEnabled(String user, String id, boolean enabled) {
        return wellFormed(id) && (Long) UPDATE.run(redis, List.of(endpoint(id)), List.of(user, "enabled", enabled ? "1" : "0")) == 1;
    }

    /** Deletes the endpoint; false when it is not the user's. */
    public boolean delete(String user, String id) {
        return wellFormed(id) && (Long) DELETE.run(redis, List.of(byUrl(user), endpoint(id)), List.of(user)) == 1;
    }

    private static Optional<WebhookEndpoint> parse(String id, Map<String, String> h) {
        if (h == null || h.get("user") == null) {
            return Optional.empty();
        }
        String until = h.get("previous_until");
        return Optional.of(new WebhookEndpoint(id, h.get("user"), h.get("url"), "1".equals(h.get("enabled")),
                Instant.ofEpochMilli(Long.parseLong(h.get("created_at"))), h.get("secret"), h.get("previous_secret"),
                until == null ? null : Instant.ofEpochMilli(Long.parseLong(until))));
    }

    /** Ids are {@code we_} and 32 hex digits, as {@link #register} makes them; nothing else names a Redis key. */
    static boolean wellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    private String endpoint(String id) {
        return keys.feature("webhook-endpoint", id);
    }

    /** Length-prefixed user id, as the Idempotency-Key's: user ids may contain ':'. */
    private String byUrl(String user) {
        return keys.feature("webhook-endpoints", user.length() + ":" + user);
    }
}
