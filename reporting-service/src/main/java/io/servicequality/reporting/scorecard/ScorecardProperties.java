package io.servicequality.reporting.scorecard;

import io.servicequality.contracts.ServqualDimension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.scorecard.*}: the tenant's weights. Weights need not sum to 1; they are renormalised over the components
 * (or dimensions) that have data.
 *
 * @param sqiWeights weights of the Service Quality Index components
 * @param servqualDefaultWeights dimension weights used where respondents gave no importance points
 */
@Validated
@ConfigurationProperties("sqp.scorecard")
public record ScorecardProperties(
        @Valid @DefaultValue SqiWeights sqiWeights,
        @Valid @DefaultValue DimensionWeights servqualDefaultWeights) {

    public record SqiWeights(
            @PositiveOrZero @DefaultValue("0.3") double csat,
            @PositiveOrZero @DefaultValue("0.2") double nps,
            @PositiveOrZero @DefaultValue("0.2") double servqual,
            @PositiveOrZero @DefaultValue("0.15") double answerRate,
            @PositiveOrZero @DefaultValue("0.15") double resolutionCompliance) {}

    public record DimensionWeights(
            @PositiveOrZero @DefaultValue("0.2") double tangibles,
            @PositiveOrZero @DefaultValue("0.2") double reliability,
            @PositiveOrZero @DefaultValue("0.2") double responsiveness,
            @PositiveOrZero @DefaultValue("0.2") double assurance,
            @PositiveOrZero @DefaultValue("0.2") double empathy) {

        /** By dimension field name ({@code reliability} → 0.2). */
        public java.util.Map<String, Double> byFieldName() {
            java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
            for (ServqualDimension dimension : ServqualDimension.values()) {
                weights.put(dimension.fieldName(), of(dimension));
            }
            return weights;
        }

        public double of(ServqualDimension dimension) {
            return switch (dimension) {
                case TANGIBLES -> tangibles;
                case RELIABILITY -> reliability;
                case RESPONSIVENESS -> responsiveness;
                case ASSURANCE -> assurance;
                case EMPATHY -> empathy;
            };
        }
    }
}
