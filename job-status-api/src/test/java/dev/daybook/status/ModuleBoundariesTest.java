package dev.daybook.status;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.daybook.shared.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.daybook.status");

    @Test
    void dependsOnSharedAndOnNoOtherService() {
        ModuleBoundaries.check("dev.daybook.status");
    }

    /**
     * One shape for background work: a {@code LoopThread} (shared) owned by a {@code LoopLifecycle}, or by a part
     * that a {@code SmartLifecycle} starts (the webhook intake, courier and janitor; checked by
     * {@link ModuleBoundaries#loopsAreOwnedByLifecycles}, in {@code check}). No raw thread started as a loop (a
     * virtual one starves when the carriers are pinned), no scheduled executor, and no {@code DisposableBean}
     * stopping work that the lifecycle would not restart after a pause.
     */
    @Test
    void backgroundLoopsRunOnLoopThreadsOwnedByLifecycles() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("Thread.Builder#start",
                        call -> call.getTarget().getOwner().getFullName().startsWith("java.lang.Thread$Builder")
                                && call.getTarget().getName().equals("start")))
                .because("a background loop is a LoopThread owned by a LoopLifecycle, or by a part a SmartLifecycle starts")
                .check(MAIN);
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a scheduled executor",
                        call -> call.getTarget().getOwner().getFullName().equals("java.util.concurrent.Executors")
                                && call.getTarget().getName().contains("Scheduled")))
                .because("a background loop is a LoopThread owned by a LoopLifecycle, or by a part a SmartLifecycle starts")
                .check(MAIN);
        noClasses().should().implement("org.springframework.beans.factory.DisposableBean")
                .because("background work stops and starts again with its SmartLifecycle")
                .check(MAIN);
    }
}
