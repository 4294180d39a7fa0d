package io.deltasql.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's implementation lives under {@code io.deltasql.core.internal}; the SQL facade, the driver,
 * the server and the benchmark go through core's API packages only, so the implementation can
 * change shape without touching them. The modules also point one way: core ← adapter ← driver ← server.
 */
class CoreApiBoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.deltasql");
    }

    @Test
    void otherModulesUseOnlyCoreApi() {
        noClasses()
                .that()
                .resideInAnyPackage("io.deltasql.calcite..", "io.deltasql.jdbc..", "io.deltasql.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.deltasql.core.internal..")
                .because("core's implementation is not its API")
                .check(classes);
    }

    @Test
    void nothingOutsideCoreUsesCoreInternals() {
        // Every module, the benchmark included, not only the ones named above.
        noClasses()
                .that()
                .resideOutsideOfPackage("io.deltasql.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.deltasql.core.internal..")
                .because("core's implementation is not its API")
                .check(classes);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("io.deltasql.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.deltasql.calcite..", "io.deltasql.jdbc..", "io.deltasql.server..")
                .check(classes);
    }

    @Test
    void adapterDependsOnNeitherDriverNorServer() {
        noClasses()
                .that()
                .resideInAPackage("io.deltasql.calcite..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.deltasql.jdbc..", "io.deltasql.server..")
                .check(classes);
    }

    @Test
    void driverDependsNotOnServer() {
        noClasses()
                .that()
                .resideInAPackage("io.deltasql.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.deltasql.server..")
                .check(classes);
    }

    @Test
    void classesAreFound() {
        // A rule over no classes passes whatever it says: make sure every module was imported.
        for (String pkg : new String[] {
            "io.deltasql.core.internal.store",
            "io.deltasql.core.internal.mirror",
            "io.deltasql.calcite",
            "io.deltasql.jdbc",
            "io.deltasql.server",
            "io.deltasql.bench"
        }) {
            if (classes.stream().noneMatch(c -> c.getPackageName().equals(pkg))) {
                throw new AssertionError("no production classes found in " + pkg);
            }
        }
    }
}
