package dev.daybook.status.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live job feeds, {@code GET /v1/jobs/{id}/events} ({@code daybook.status.events.*}).
 *
 * @param heartbeat      a comment line this often keeps proxies from closing an idle stream and finds gone clients
 * @param maxPerUser     open feeds one user may hold in this process (more: 429 {@code too_many_streams})
 * @param maxPerProcess  open feeds in this process (more: 503 {@code streams_full})
 * @param readBlock      how long the reader's XREAD blocks; must stay under {@code daybook.redis.timeout}
 * @param readBatch      entries per XREAD
 * @param replayPage     entries per XRANGE page when a client resumes with {@code Last-Event-ID}
 * @param replayWindow   how far back a resume replays; an older (or unknown, future) id gets a snapshot instead,
 *                       so no client can make the service scan the whole stream
 * @param queueCapacity  events buffered for one client; a client that falls this far behind is dropped and
 *                       resumes from its last event id when it reconnects
 * @param recordFallback when a job-changed wake-up (pub/sub) brings no stream event within this time, the feed
 *                       re-reads the job record and sends a snapshot if the job changed; covers writers that do
 *                       not append events yet. Zero turns it off.
 */
@ConfigurationProperties("daybook.status.events")
record EventsProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10") int maxPerUser,
        @DefaultValue("5000") int maxPerProcess,
        @DefaultValue("2s") Duration readBlock,
        @DefaultValue("200") int readBatch,
        @DefaultValue("500") int replayPage,
        @DefaultValue("15m") Duration replayWindow,
        @DefaultValue("1024") int queueCapacity,
        @DefaultValue("1s") Duration recordFallback) {

    EventsProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("daybook.status.events.heartbeat must be positive");
        }
        if (maxPerUser < 1 || maxPerProcess < 1 || readBatch < 1 || replayPage < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("daybook.status.events limits and sizes must be at least 1");
        }
        if (readBlock.isNegative() || readBlock.isZero() || replayWindow.isNegative() || recordFallback.isNegative()) {
            throw new IllegalArgumentException(
                    "daybook.status.events.read-block must be positive, replay-window and record-fallback not negative");
        }
    }
}
