package dev.daybook.shared.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;

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
