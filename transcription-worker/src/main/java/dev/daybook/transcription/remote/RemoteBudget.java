package dev.daybook.transcription.remote;

import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.transcription.asr.AsrException;
import java.util.List;
import java.util.Map;

/**
 * A remote engine's spend, in the shared daily ledger ({@code {daybook}:asr:usage:<day>}): fields
 * {@code <engine>:audio_ms}, {@code <engine>:cost_micros} and {@code total:cost_micros}. Past its daily budget
 * the engine refuses to start a recording, and the chain falls back to the next engine until the UTC day ends.
 */
final class RemoteBudget {

    private final DailyLedger ledger;
    private final RemoteSettings settings;

    RemoteBudget(DailyLedger ledger, RemoteSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    void check() throws AsrException {
        if (settings.dailyBudgetUsd() <= 0) {
            return;
        }
        long spent = ledger.read(List.of(costField())).get(costField());
        if (spent >= settings.dailyBudgetUsd() * 1_000_000) {
            throw new AsrException(settings.id() + ": daily budget of " + settings.dailyBudgetUsd() + " USD spent");
        }
    }

    /** Counts {@code samples} of audio sent and their price. */
    void charge(long samples) {
        long ms = samples * 1000 / 16_000;
        long cost = Math.round(ms / 60_000.0 * settings.usdPerMinute() * 1_000_000);
        ledger.add(Map.of(settings.id() + ":audio_ms", ms, costField(), cost, "total:cost_micros", cost));
    }

    private String costField() {
        return settings.id() + ":cost_micros";
    }
}
