package io.servicequality.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Clock;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What a service must not write again because a starter provides it. A service's {@code ArchitectureTest} includes
 * them with {@code @ArchTest static final ArchTests starters = ArchTests.in(StarterRules.class);}.
 */
public final class StarterRules {

    /** {@code <service>.<purpose>}, and {@code .${random.uuid}} for a group of its own per instance. */
    private static final Pattern GROUP_NAME =
            Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*(\\.\\$\\{random\\.uuid})?");

    private StarterRules() {}

    /** platform-web's {@code ProblemDetailsAdvice} answers every failure; a second handler would answer differently. */
    @ArchTest
    public static final ArchRule problemDetailsComeFromPlatformWeb = noClasses()
            .should()
            .beAssignableTo(ResponseEntityExceptionHandler.class)
            .because("platform-web's ProblemDetailsAdvice turns every failure into a problem");

    /** Problems are built with platform-web's {@code Problems}, so each has a stable type and the same shape. */
    @ArchTest
    public static final ArchRule problemsAreBuiltByPlatformWeb = noClasses()
            .should()
            .callMethod(ProblemDetail.class, "forStatusAndDetail", HttpStatusCode.class, String.class)
            .orShould()
            .callMethod(ProblemDetail.class, "forStatus", HttpStatusCode.class)
            .orShould()
            .callMethod(ProblemDetail.class, "forStatus", int.class)
            .because("io.servicequality.web.problem.Problems gives every problem a stable type");

    /**
     * Topics, dead-letter publishing and the listeners' failure policy are platform-kafka's: a service declares its
     * topics in a {@code TopicDeclarations} bean and builds none of these itself.
     */
    @ArchTest
    public static final ArchRule kafkaInfrastructureComesFromPlatformKafka = noClasses()
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    DefaultErrorHandler.class,
                    DeadLetterPublishingRecoverer.class,
                    TopicBuilder.class,
                    NewTopic.class,
                    KafkaAdmin.NewTopics.class)
            .because("platform-kafka declares topics from contracts and owns the listeners' failure policy");

    /** One clock per service, platform-web's (tests replace it). */
    @ArchTest
    public static final ArchRule theClockIsPlatformWebs = noMethods()
            .that()
            .areAnnotatedWith(Bean.class)
            .should()
            .haveRawReturnType(Clock.class)
            .because("platform-web provides the service's Clock");

    /**
     * Every listener names its consumer group {@code <service>.<purpose>} (a group of its own per instance adds a
     * {@code .${random.uuid}}), so that lag, offsets and renames read the same in every service.
     */
    @ArchTest
    public static final ArchRule consumerGroupsAreNamedServiceDotPurpose = methods()
            .that()
            .areAnnotatedWith(KafkaListener.class)
            .should(new ArchCondition<JavaMethod>("name its consumer group <service>.<purpose>") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    String group =
                            method.getAnnotationOfType(KafkaListener.class).groupId();
                    if (!GROUP_NAME.matcher(group).matches()) {
                        events.add(SimpleConditionEvent.violated(
                                method,
                                method.getFullName() + " consumes in group '" + group + "', not <service>.<purpose>"));
                    }
                }
            })
            // a service without listeners (scoring consumes through Kafka Streams) has nothing to check
            .allowEmptyShould(true);
}
