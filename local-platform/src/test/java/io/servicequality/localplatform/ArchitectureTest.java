package io.servicequality.localplatform;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.servicequality.localplatform", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** One package per command; what they share (the stack, its settings and pid files) lives in stack. */
    @ArchTest
    static final ArchRule commandsDoNotReachIntoEachOther = slices().matching("io.servicequality.localplatform.(*)..")
            .namingSlices("$1")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.servicequality.localplatform.stack.."));

    @ArchTest
    static final ArchRule theStackKnowsNoCommand = noClasses()
            .that()
            .resideInAPackage("io.servicequality.localplatform.stack..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.servicequality.localplatform.supervision..",
                    "io.servicequality.localplatform.status..",
                    "io.servicequality.localplatform.logs..",
                    "io.servicequality.localplatform.reset..");
}
