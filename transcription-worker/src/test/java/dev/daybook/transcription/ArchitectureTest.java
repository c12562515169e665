package dev.daybook.transcription;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void enginesAndDecodingKnowNothingOfSpringOrTheQueue() {
        noClasses().that().resideInAnyPackage("dev.daybook.transcription.asr..", "dev.daybook.transcription.vosk..",
                        "dev.daybook.transcription.whisper..", "dev.daybook.transcription.audio..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.daybook.shared.queue..")
                .orShould().dependOnClassesThat().resideInAPackage("dev.daybook.transcription")
                .because("engines are plain libraries: the worker adapts them to the queue, not the other way round")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.daybook.transcription"));
    }
}
