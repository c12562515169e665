package dev.daybook.transcription;

import dev.daybook.shared.queue.LoopThread;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.transcription.asr.EngineChain;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.SmartLifecycle;

/**
 * Vouches in Redis for the languages this worker's engines transcribe, every third of {@code ttl}, so that
 * ingestion refuses a language no running worker can do ({@code 422 unsupported_language}). A worker that
 * stops vouching (stopped, crashed, cut off) drops out of the set when its promise runs out. A worker whose
 * required engine is broken vouches for nothing: it takes no jobs.
 */
final class LanguagePublisher implements SmartLifecycle {

    private final TranscribableLanguages languages;
    private final EngineChain chain;
    private final Duration ttl;
    private final LoopThread loop;
    private volatile boolean running;

    LanguagePublisher(TranscribableLanguages languages, EngineChain chain, Duration ttl) {
        this.languages = languages;
        this.chain = chain;
        this.ttl = ttl;
        this.loop = new LoopThread("daybook-asr-languages", ttl.dividedBy(3), this::runOnce);
    }

    void runOnce() {
        Set<String> offered = chain.requiredBroken() ? Set.of() : chain.languages();
        languages.vouch(offered, ttl);
    }

    @Override
    public void start() {
        loop.start();
        running = true;
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(5));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
