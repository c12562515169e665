package dev.daybook.llm.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * To-dos from what was said: a commitment ("I need to / have to / must / should / 've got to / 'll / will",
 * "tomorrow I'll"), a reminder ("remember to", "don't forget (to)", "make sure to", "note to self") or a wish
 * to act ("I want to"). A negated commitment ("I don't need to", "I no longer have to", "not going to") is
 * none. One sentence can hold several: a second cue ("… and I must walk …") or "and" before a common action
 * verb ("call the dentist and buy groceries") starts the next. Trailing time words ("tonight", "on Monday",
 * "this week") are dropped: the task is what remains.
 */
final class Todos {

    private static final String SUBJECT = "(?:i|we)";
    private static final String MODAL = "(?:still |also |really |just )?(?:need to|have to|must|should|will have to|"
            + "want to|will|'ve got to|have got to|am going to|'m going to|are going to)";
    private static final Pattern CUE = Pattern.compile(
            "\\b(?:" + SUBJECT + "\\s*" + MODAL + "|i'll|we'll|remember to|don't forget(?: to)?|make sure to|"
                    + "note to self:?)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATED = Pattern.compile(
            "(?:don't|do not|no longer|not|never|didn't|won't|needn't)\\s+(?:\\S+\\s+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AND_VERB = Pattern.compile("\\s*,?\\s+and\\s+(?=(?:" + String.join("|", verbs()) + ")\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_TAIL = Pattern.compile(
            "(?:\\s*,?\\s+(?:tonight|tomorrow|today|later|soon|first thing in the morning|in the morning|this week|"
                    + "next week|this weekend|(?:on|by|before) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                    + "then|again|as well|too|though|anymore|properly))+$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_TASKS = Set.of("be", "feel", "say", "go to bed", "sleep");

    private Todos() {
    }

    static List<String> of(List<String> sentences) {
        List<String> todos = new ArrayList<>();
        for (String sentence : sentences) {
            todos.addAll(inSentence(sentence.replaceAll("[.!?]+$", "")));
        }
        return todos.stream().distinct().limit(10).toList();
    }

    private static List<String> inSentence(String sentence) {
        List<String> tasks = new ArrayList<>();
        Matcher m = CUE.matcher(sentence);
        List<int[]> cues = new ArrayList<>();
        while (m.find()) {
            cues.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < cues.size(); i++) {
            if (NEGATED.matcher(sentence.substring(0, cues.get(i)[0])).find() && !startsClause(sentence, cues.get(i)[0])) {
                continue;
            }
            int end = i + 1 < cues.size() ? cues.get(i + 1)[0] : sentence.length();
            String task = sentence.substring(cues.get(i)[1], end).replaceAll("(?i)[,\\s]+(?:and|but|so)\\s*$", "");
            for (String part : AND_VERB.split(task)) {
                add(tasks, part);
            }
        }
        return tasks;
    }

    /** "I don't … . I need to" in one unpunctuated sentence: a negation that belongs to an earlier clause. */
    private static boolean startsClause(String sentence, int at) {
        String before = sentence.substring(0, at).strip().toLowerCase(Locale.ROOT);
        return before.endsWith(" and") || before.endsWith(",");
    }

    private static void add(List<String> tasks, String raw) {
        String task = TIME_TAIL.matcher(raw.strip()).replaceAll("").replaceAll("^[:,\\s]+|[,;:\\s]+$", "");
        if (task.split("\\s+").length < 1 || task.isBlank() || NOT_TASKS.contains(task.toLowerCase(Locale.ROOT))) {
            return;
        }
        tasks.add(Character.toUpperCase(task.charAt(0)) + task.substring(1));
    }

    /** Common action verbs of diary to-dos: "and" before one of these starts another task. */
    private static List<String> verbs() {
        return List.of("buy", "call", "ring", "email", "send", "pay", "book", "pick", "get", "fix", "finish", "write",
                "read", "print", "post", "return", "clean", "cook", "make", "take", "bring", "ask", "tell", "check",
                "order", "renew", "cancel", "schedule", "iron", "wash", "water", "walk", "visit", "see", "meet",
                "start", "stop", "sign", "change", "set", "practise", "practice", "prepare", "plan", "pack", "thank",
                "apologise", "apologize", "present", "rework", "review", "update", "reply", "answer", "submit", "file");
    }
}
