package org.stllisting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "ui", "bench")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("app", "cli", "ui", "bench")
                .whereLayer("output").mayOnlyBeAccessedByLayers("jobs", "app", "cli", "ui", "bench")
                .whereLayer("render").mayOnlyBeAccessedByLayers("jobs", "app", "cli", "ui", "bench")
                .whereLayer("store").mayOnlyBeAccessedByLayers("output", "jobs", "app", "cli", "ui", "bench")
                .whereLayer("mesh").mayOnlyBeAccessedByLayers("render", "output", "jobs", "app", "cli", "ui", "bench")
                .check(classes);
    }
}
