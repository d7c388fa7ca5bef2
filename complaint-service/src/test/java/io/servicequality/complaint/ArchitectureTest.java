package io.servicequality.complaint;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.servicequality.platform.test.StarterRules;

@AnalyzeClasses(packages = "io.servicequality.complaint", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the platform starters provide is not written again here. */
    @ArchTest
    static final ArchTests starters = ArchTests.in(StarterRules.class);

    /**
     * Feature packages talk through events or application services, never into each other's insides. The one
     * allowed direction: complaints count their due times with the calendar and SLA features' public services; those
     * announce their changes as application events and know nothing of complaints.
     */
    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = slices().matching("io.servicequality.complaint.(*)..")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(resideInAPackage("io.servicequality.complaint.config.."), alwaysTrue())
            .ignoreDependency(
                    resideInAPackage("io.servicequality.complaint.lifecycle.."),
                    resideInAnyPackage("io.servicequality.complaint.calendar..", "io.servicequality.complaint.sla.."));

    @ArchTest
    static final ArchRule onlyWiringKnowsTheWiring = noClasses()
            .that()
            .resideOutsideOfPackage("io.servicequality.complaint.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.servicequality.complaint.config..");

    @ArchTest
    static final ArchRule calendarsAndPoliciesKnowNoComplaint = noClasses()
            .that()
            .resideInAnyPackage("io.servicequality.complaint.calendar..", "io.servicequality.complaint.sla..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.servicequality.complaint.lifecycle..");
}
