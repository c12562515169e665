package dev.daybook.transcription;

import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.transcription.asr.EngineChain;
import java.time.Duration;
import java.util.Set;

/**
 * Vouches in Redis for the languages this worker's engines transcribe, every third of {@code ttl}, so that
 * ingestion refuses a language no running worker can do ({@code 422 unsupported_language}). A worker that
 * stops vouching (stopped, crashed, cut off) drops out of the set when its promise runs out. A worker whose
 * required engine is broken vouches for nothing: it takes no jobs.
 */
final class LanguagePublisher extends LoopLifecycle {

    private final TranscribableLanguages languages;
    private final EngineChain chain;
    private final Duration ttl;

    LanguagePublisher(TranscribableLanguages languages, EngineChain chain, Duration ttl) {
        super("daybook-asr-languages", ttl.dividedBy(3), Duration.ofSeconds(5));
        this.languages = languages;
        this.chain = chain;
        this.ttl = ttl;
    }

    void runOnce() {
        Set<String> offered = chain.requiredBroken() ? Set.of() : chain.languages();
        languages.vouch(offered, ttl);
    }

    @Override
    protected void round() {
        runOnce();
    }
}
