package dev.daybook.shared.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The module rule, for every module's ArchUnit test: a service depends on {@code shared}, never on another
 * service; {@code shared} depends on no service.
 */
public final class ModuleBoundaries {

    /** The root package of each module besides shared. */
    public static final List<String> SERVICES = List.of(
            "dev.daybook.ingestion", "dev.daybook.transcription", "dev.daybook.llm", "dev.daybook.status",
            "dev.daybook.terraform");

    private ModuleBoundaries() {
    }

    /** Checks the production classes under {@code rootPackage} against the rule. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        String[] others = SERVICES.stream().filter(s -> !s.equals(rootPackage)).map(s -> s + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk through Redis and HTTP, and share only the shared module")
                .check(classes);
        onlyLuaScriptRunsScripts(classes);
        onlyTheQueueTalksToRedisAboutQueueKeys(classes);
        loopsAreOwnedByLifecycles(classes);
    }

    static final String LOOP_THREAD = "dev.daybook.shared.queue.LoopThread";
    static final String LOOP_LIFECYCLE = "dev.daybook.shared.queue.LoopLifecycle";
    static final String SMART_LIFECYCLE = "org.springframework.context.SmartLifecycle";

    static final DescribedPredicate<JavaClass> OWN_A_LOOP_THREAD = DescribedPredicate.describe("own a LoopThread",
            c -> c.getFields().stream().anyMatch(f -> f.getRawType().getFullName().equals(LOOP_THREAD)));

    /**
     * One shape for background loops in every module: a component whose work is one loop extends
     * {@code LoopLifecycle}; a class that owns a {@code LoopThread} otherwise is a part that a lifecycle starts (the
     * queue worker's heartbeater, processors…; the webhook intake, courier and janitor), so every loop stops and
     * starts again with its Spring context. A {@code SmartLifecycle} that keeps a {@code LoopThread} itself repeats
     * the start/stop/isRunning that {@code LoopLifecycle} holds once.
     */
    public static void loopsAreOwnedByLifecycles(JavaClasses classes) {
        classes().that(OWN_A_LOOP_THREAD).should(beStartedOnlyByASmartLifecycle())
                .because("a loop nothing stops keeps running after its context stopped, and one nothing starts again "
                        + "stays stopped after a pause")
                .allowEmptyShould(true)
                .check(classes);
        classes().that(OWN_A_LOOP_THREAD).and().areAssignableTo(SMART_LIFECYCLE)
                .should().beAssignableTo(LOOP_LIFECYCLE)
                .because("a lifecycle around one loop extends LoopLifecycle rather than repeat its start and stop")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** A SmartLifecycle, or a class whose start methods are called only by such classes, through any chain. */
    static ArchCondition<JavaClass> beStartedOnlyByASmartLifecycle() {
        return new ArchCondition<>("be a SmartLifecycle or be started only by one") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean ok = startedByALifecycle(item, new HashSet<>());
                events.add(new SimpleConditionEvent(item, ok, item.getName() + (ok ? " is" : " is not")
                        + " a SmartLifecycle, nor started only by one (starters: " + starters(item) + ")"));
            }
        };
    }

    private static boolean startedByALifecycle(JavaClass c, Set<JavaClass> path) {
        if (c.isAssignableTo(SMART_LIFECYCLE)) {
            return true;
        }
        if (!path.add(c)) {
            return false; // a cycle of starters with no lifecycle in it
        }
        Set<JavaClass> starters = starters(c);
        boolean ok = !starters.isEmpty() && starters.stream().allMatch(s -> startedByALifecycle(s, path));
        path.remove(c);
        return ok;
    }

    /** The classes that call or refer to a {@code start} method of {@code c} (an anonymous class counts as its outer). */
    private static Set<JavaClass> starters(JavaClass c) {
        return c.getMethods().stream().filter(m -> m.getName().equals("start"))
                .flatMap(m -> m.getAccessesToSelf().stream())
                .map(a -> named(a.getOriginOwner()))
                .filter(o -> !o.equals(c))
                .collect(Collectors.toSet());
    }

    private static JavaClass named(JavaClass c) {
        JavaClass o = c;
        while ((o.isAnonymousClass() || o.isLocalClass()) && o.getEnclosingClass().isPresent()) {
            o = o.getEnclosingClass().get();
        }
        return o;
    }

    /** The RedisKeys methods that name queue keys; {@code feature(…)} and the wake-up channel are for everyone. */
    static final Set<String> QUEUE_KEYS = Set.of("prefix", "job", "jobErrors", "userJobs", "idempotency", "stream",
            "retries", "dead", "workers", "jobEvents", "delivery", "deliveryErrors", "deliveriesDue", "deliveriesDead");

    /**
     * One Redis contract: only the queue package names queue keys, so only it reads or writes them; everyone else
     * goes through its public classes (JobQueue, DeadLetters, WebhookDeliveries, QueueStats, …).
     */
    public static void onlyTheQueueTalksToRedisAboutQueueKeys(JavaClasses classes) {
        noClasses().that().resideOutsideOfPackage("dev.daybook.shared.queue..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a RedisKeys method naming a queue key",
                        call -> call.getTarget().getOwner().getFullName().equals("dev.daybook.shared.queue.RedisKeys")
                                && QUEUE_KEYS.contains(call.getTarget().getName())))
                .because("the queue's Redis contract lives in one package (issue 9)")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Lua runs through {@code LuaScript}: named resource files, loaded once, reloaded after a Redis restart. */
    public static void onlyLuaScriptRunsScripts(JavaClasses classes) {
        noClasses().that().doNotHaveFullyQualifiedName("dev.daybook.shared.redis.LuaScript")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("eval or evalsha",
                        call -> call.getTarget().getOwner().isAssignableTo("redis.clients.jedis.UnifiedJedis")
                                && call.getTarget().getName().startsWith("eval")))
                .allowEmptyShould(true)
                .check(classes);
    }
}
