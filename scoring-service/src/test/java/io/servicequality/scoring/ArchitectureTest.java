package io.servicequality.scoring;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.servicequality.platform.test.StarterRules;

@AnalyzeClasses(packages = "io.servicequality.scoring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the platform starters provide is not written again here. */
    @ArchTest
    static final ArchTests starters = ArchTests.in(StarterRules.class);

    /**
     * A feature talks to another only through Kafka or the contracts; config wires them all; statequery (interactive
     * queries across instances), statecodec (the statistics' binary form in the state stores) and punctuation (wall-clock
     * punctuation while there is work) serve every feature and depend on none.
     */
    @ArchTest
    static final ArchRule featurePackagesDoNotReachIntoEachOther = slices().matching("io.servicequality.scoring.(*)..")
            .namingSlices("$1")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(resideInAPackage("io.servicequality.scoring.config.."), alwaysTrue())
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.servicequality.scoring.statequery.."))
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.servicequality.scoring.statecodec.."))
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.servicequality.scoring.punctuation.."));

    @ArchTest
    static final ArchRule theSharedPackagesDependOnNoFeature = noClasses()
            .that()
            .resideInAnyPackage("io.servicequality.scoring.statecodec..", "io.servicequality.scoring.punctuation..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.servicequality.scoring.bucket..", "io.servicequality.scoring.quality..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWiring = noClasses()
            .that()
            .resideOutsideOfPackage("io.servicequality.scoring.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.servicequality.scoring.config..");
}
