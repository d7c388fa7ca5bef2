package io.servicequality.feedback;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.servicequality.platform.test.StarterRules;

/**
 * Feature packages (one per business noun) stay independent; they may use the shared packages (eventlog,
 * ingest, …), which know no feature. Only config wires everything together.
 */
@AnalyzeClasses(packages = ArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the platform starters provide is not written again here. */
    @ArchTest
    static final ArchTests starters = ArchTests.in(StarterRules.class);

    static final String BASE = "io.servicequality.feedback";
    static final String CONFIG = BASE + ".config..";
    static final String[] SHARED = {
        BASE + ".eventlog..",
        BASE + ".ingest..",
        BASE + ".audit..",
        BASE + ".idempotency..",
        BASE + ".store..",
        BASE + ".paging.."
    };

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = slices().matching(BASE + ".(*)..")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(resideInAPackage(CONFIG), alwaysTrue())
            .ignoreDependency(alwaysTrue(), resideInAnyPackage(SHARED));

    @ArchTest
    static final ArchRule sharedPackagesKnowNoFeature = classes()
            .that()
            .resideInAnyPackage(SHARED)
            .should()
            .onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAnyPackage(SHARED)));

    @ArchTest
    static final ArchRule onlyConfigSeesConfig = noClasses()
            .that()
            .resideOutsideOfPackage(CONFIG)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CONFIG);
}
