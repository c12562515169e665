package dev.daybook.llm.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;

/** The messages of one request the router sends (a note, a recap): its request, its one repair, its size. */
public interface Prompt {

    /** The request for a model; with the answer's JSON schema as the response format where the model takes one. */
    ChatRequest request(boolean withSchema);

    /** The one repair attempt: the same conversation, the invalid answer, and what is wrong with it. */
    ChatRequest repair(ChatRequest previous, String answer, List<String> errors);

    /** Prompt and answer together, in tokens (a model whose window is smaller is skipped). */
    int estimatedTokens();
}
