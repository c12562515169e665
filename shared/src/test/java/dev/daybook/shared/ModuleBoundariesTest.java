package dev.daybook.shared;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.daybook.shared.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

    static final JavaClasses SHARED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.daybook.shared");

    @Test
    void sharedDependsOnNoService() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage(ModuleBoundaries.SERVICES.stream().map(s -> s + "..").toArray(String[]::new))
                .check(SHARED);
    }

    @Test
    void theJobModelKnowsNothingOfRedisOrSpring() {
        noClasses().that().resideInAPackage("dev.daybook.shared.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("redis..", "org.springframework..")
                .check(SHARED);
    }

    @Test
    void onlyTheQueuePackageNamesQueueKeys() {
        ModuleBoundaries.onlyTheQueueTalksToRedisAboutQueueKeys(SHARED);
    }

    @Test
    void everyLoopIsALoopLifecycleOrAPartThatALifecycleStarts() {
        ModuleBoundaries.loopsAreOwnedByLifecycles(SHARED);
    }

    @Test
    void luaRunsOnlyThroughLuaScript() {
        ModuleBoundaries.onlyLuaScriptRunsScripts(SHARED);
    }
}
