package org.stllisting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/** The allowed package dependencies written down in the README's architecture section. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stllisting");
    }

    @Test
    void corePackagesImportNothingFromJavaFx() {
        noClasses().that().resideInAnyPackage(
                        "org.stllisting.mesh..", "org.stllisting.render..", "org.stllisting.jobs..",
                        "org.stllisting.store..", "org.stllisting.output..", "org.stllisting.app..",
                        "org.stllisting.cli..", "org.stllisting.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("ui").definedBy("org.stllisting.ui..")
                .layer("cli").definedBy("org.stllisting.cli..")
                .layer("bench").definedBy("org.stllisting.bench..")
                .layer("app").definedBy("org.stllisting.app..")
                .layer("jobs").definedBy("org.stllisting.jobs..")
                .layer("output").definedBy("org.stllisting.output..")
                .layer("render").definedBy("org.stllisting.render..")
                .layer("store").definedBy("org.stllisting.store..")
                .layer("mesh").definedBy("org.stllisting.mesh..")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                // the window's suite (ui.WindowBench) reports through the bench's tables; bench never sees ui
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "ui", "bench")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("app", "cli", "ui", "bench")
                .whereLayer("output").mayOnlyBeAccessedByLayers("jobs", "app", "cli", "ui", "bench")
                .whereLayer("render").mayOnlyBeAccessedByLayers("jobs", "app", "cli", "ui", "bench")
                .whereLayer("store").mayOnlyBeAccessedByLayers("output", "jobs", "app", "cli", "ui", "bench")
                .whereLayer("mesh").mayOnlyBeAccessedByLayers("render", "output", "jobs", "app", "cli", "ui", "bench")
                .check(classes);
    }

    /**
     * The command line and the window change the queue through the session service and the runner only:
     * they never call a method of the queue state store that writes, nor make a queue or a job to hand to it.
     */
    @Test
    void frontEndsDoNotWriteTheQueueStateThemselves() {
        Set<String> writes = Set.of("replaceState", "addJobs", "updateJob", "putJob", "removeJobs", "moveJobs",
                "reorder", "updateSettings", "updateOptions", "setSessionState", "progress", "checkpoint", "flush");
        DescribedPredicate<JavaCall<?>> writesTheStore = DescribedPredicate.describe(
                "a method of QueueStateStore that changes the queue",
                c -> c.getTargetOwner().isEquivalentTo(QueueStateStore.class) && writes.contains(c.getName()));
        DescribedPredicate<JavaCall<?>> makesAQueueOrJob = DescribedPredicate.describe(
                "a new QueueStateDto or JobDto (constructor, empty() or copy())",
                c -> (c.getTargetOwner().isEquivalentTo(QueueStateDto.class)
                        || c.getTargetOwner().isEquivalentTo(JobDto.class))
                        && Set.of("<init>", "empty", "copy").contains(c.getName()));
        noClasses().that().resideInAnyPackage("org.stllisting.cli..", "org.stllisting.ui..")
                .should().callCodeUnitWhere(writesTheStore)
                .orShould().callCodeUnitWhere(makesAQueueOrJob)
                .check(classes);
    }
}
