package dev.daybook.llm.recap;

import dev.daybook.llm.routing.Answered;
import dev.daybook.llm.routing.Attempt;
import dev.daybook.llm.routing.Router;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the recap of a request through the notes' router (same providers, fallbacks, budgets and cooldowns);
 * whenever it comes back empty-handed — no provider, all failing, answers that cite no sent entry even after the
 * repair, a period too long for every window — the local generator writes it, so a recap never fails for want of
 * a provider.
 */
final class RecapWriter {

    private final Router router;
    private final LocalRecapGenerator local;
    private final JsonMapper json;

    RecapWriter(Router router, LocalRecapGenerator local, JsonMapper json) {
        this.router = router;
        this.local = local;
        this.json = json;
    }

    WrittenRecap write(RecapRequest request, List<String> preferred) throws InterruptedException {
        if (!router.hasModels() || request.entries().isEmpty()) {
            return locally(request, List.of());
        }
        RecapParser parser = new RecapParser(json, new Citations(request), false);
        Answered<Recap> answered = router.route(RecapPrompt.of(request, json), parser, preferred);
        if (!answered.ok()) {
            return locally(request, answered.attempts());
        }
        Recap signed = answered.value().withGeneratedBy(new Note.GeneratedBy(answered.provider(), answered.model()));
        return new WrittenRecap(signed, answered.attempts(), parser.dropped());
    }

    private WrittenRecap locally(RecapRequest request, List<Attempt> attempts) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(new Attempt(LocalRecapGenerator.SIGNATURE.provider(), LocalRecapGenerator.SIGNATURE.model(), "ok",
                0, 0, 0, null));
        return new WrittenRecap(local.generate(request), all, 0);
    }
}
