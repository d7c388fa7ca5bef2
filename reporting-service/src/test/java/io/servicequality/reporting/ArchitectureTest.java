package io.servicequality.reporting;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.servicequality.platform.test.StarterRules;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.security.CallerAccess;

/**
 * Features do not reach into each other: the views read the bucket read model only through its public
 * {@link MetricBucketReadModel}; the read models know no view; only
 * {@code config} sees everything.
 */
@AnalyzeClasses(packages = "io.servicequality.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the platform starters provide is not written again here. */
    @ArchTest
    static final ArchTests starters = ArchTests.in(StarterRules.class);

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("io.servicequality.reporting.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyConfigWiresFeaturesTogether = noClasses()
            .that()
            .resideOutsideOfPackage("io.servicequality.reporting.config..")
            .and()
            .doNotHaveSimpleName("ReportingServiceApplication")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.servicequality.reporting.config..");

    @ArchTest
    static final ArchRule theReadModelKnowsNoView = noClasses()
            .that()
            .resideInAPackage("..reporting.bucket..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..reporting.scorecard..");

    @ArchTest
    static final ArchRule viewsReadBucketsOnlyThroughTheReadModel = noClasses()
            .that()
            .resideOutsideOfPackages("..reporting.bucket..", "..reporting.config..")
            .should()
            .dependOnClassesThat(resideInAPackage("..reporting.bucket..").and(not(type(MetricBucketReadModel.class))));

    /** The stored facts (buckets, branches, complaints, alerts, targets) know nothing of the views built on them. */
    @ArchTest
    static final ArchRule readModelsKnowNoView = noClasses()
            .that()
            .resideInAnyPackage(
                    "..reporting.bucket..",
                    "..reporting.branch..",
                    "..reporting.complaint..",
                    "..reporting.alert..",
                    "..reporting.qualitytarget..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..reporting.scorecard..",
                    "..reporting.ranking..",
                    "..reporting.trend..",
                    "..reporting.analysis..",
                    "..reporting.complaintreport..",
                    "..reporting.targetreport..",
                    "..reporting.live..",
                    "..reporting.dashboard..");

    /**
     * Who the caller is, and so which tenant and branches a request may read, is decided in one place for the views
     * ({@code scope.Scopes}) and in the directory's own store queries ({@code branch}): no view reads the caller itself,
     * so none can forget to narrow its scope.
     */
    @ArchTest
    static final ArchRule onlyTheScopeAndTheDirectoryReadTheCaller = noClasses()
            .that()
            .resideOutsideOfPackages("..reporting.scope..", "..reporting.branch..", "..reporting.config..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName(CallerAccess.class.getName());
}
