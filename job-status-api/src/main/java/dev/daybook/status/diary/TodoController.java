package dev.daybook.status.diary;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.daybook.shared.auth.Caller;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/todos}: the to-dos across the caller's entries; {@code PATCH /v1/todos/{id}}: the caller marks one
 * done (confirming a suggestion, or not) or open again. Another user's to-do is 404.
 */
@RestController
@RequestMapping("/v1/todos")
class TodoController {

    static final int MAX_LIMIT = 200;

    private final TodoList todos;
    private final Clock clock;

    TodoController(TodoList todos, Clock clock) {
        this.todos = todos;
        this.clock = clock;
    }

    record TodoView(String id, String text, String state, String entryId, Instant entryDate, Instant doneAt,
                    String suggestedDoneBy) {

        static TodoView of(TodoList.Todo t) {
            return new TodoView(t.id(), t.text(), t.state(), t.entryId(), t.entryDate(), t.doneAt(),
                    t.suggestedDoneBy());
        }
    }

    record TodoPage(List<TodoView> items, String nextCursor) {
    }

    record Change(String state) {
    }

    @GetMapping
    @Operation(summary = "The to-dos across the caller's entries, newest entry first; state=open|done filters")
    TodoPage list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit,
                  @RequestParam(required = false) String cursor, Authentication auth) {
        DiaryCursor.limit(limit, MAX_LIMIT);
        TodoState filter = state == null || state.isBlank() ? null : TodoState.parse(state);
        List<String> after = DiaryCursor.decode(cursor, 3);
        List<TodoList.Todo> page = todos.page(Caller.from(auth).userId(), filter,
                after == null ? null : NamesController.instant(after.get(0)), after == null ? null : after.get(1),
                after == null ? null : (int) NamesController.number(after.get(2)), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            TodoList.Todo last = page.get(limit - 1);
            next = DiaryCursor.encode(last.entryDate().toString(), last.entryId(), Integer.toString(last.position()));
        }
        return new TodoPage(page.stream().map(TodoView::of).toList(), next);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Mark one of the caller's to-dos done or open: {\"state\": \"done\" | \"open\"}")
    TodoView change(@PathVariable String id, @RequestBody(required = false) Change change, Authentication auth) {
        if (change == null || change.state() == null) {
            throw ApiProblem.badRequest("state must be open or done");
        }
        TodoState state = TodoState.parse(change.state());
        return todos.set(Caller.from(auth).userId(), id, state, Instant.now(clock)).map(TodoView::of)
                .orElseThrow(() -> ApiProblem.notFound("todo_not_found", "no such to-do"));
    }
}
