package io.servicequality.web;

import io.servicequality.web.catalogue.EventCatalogueHandler;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvHttpMessageConverter;
import io.servicequality.web.problem.ProblemDetailsAdvice;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import tools.jackson.core.StreamReadConstraints;

/**
 * Everything a service gets by depending on this module: every failure answered as a problem with a stable type, one
 * {@link Clock} for the whole service (tests replace it with a fixed one), limits on request JSON, and {@code text/csv}
 * answers of {@link CsvExportable} bodies, and the event catalogue at {@value EventCatalogueHandler#PATH}. Before Spring
 * MVC's own configuration, so that its default problem handler stands back for {@link ProblemDetailsAdvice}.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(PlatformWebProperties.class)
public class PlatformWebAutoConfiguration {

    /** UTC: local times are computed from it explicitly, in the zone of the branch or calendar concerned. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(ProblemDetailsAdvice.class)
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Deep or huge JSON is refused while it is read (400), before it can cost memory or stack. */
    @Bean
    JsonFactoryBuilderCustomizer platformJsonLimits(PlatformWebProperties properties) {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(properties.json().maxNestingDepth())
                .maxStringLength(properties.json().maxStringLength())
                .build());
    }

    /**
     * Appended after the default converters, on the server side only: a body that can be both is answered as JSON
     * unless CSV is asked for ({@code Accept: text/csv} or a preset {@code Content-Type}), also when the client accepts
     * any type. A converter bean would be put ahead of JSON (CSV for any type), and into every HTTP client as well.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ServerHttpMessageConvertersCustomizer platformCsvConverter() {
        CsvHttpMessageConverter csv = new CsvHttpMessageConverter();
        return converters -> converters.configureMessageConvertersList(list -> list.add(csv));
    }

    /**
     * The AsyncAPI document of contracts at {@value EventCatalogueHandler#PATH}, beside OpenAPI. Mapped after the
     * controllers (order 0), so a service could still answer the path itself, and before static resources.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SimpleUrlHandlerMapping platformEventCatalogue() {
        return new SimpleUrlHandlerMapping(
                Map.of(EventCatalogueHandler.PATH, EventCatalogueHandler.fromContracts()), 1);
    }
}
