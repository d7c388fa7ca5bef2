package io.servicequality.complaint.lifecycle;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAttempts how often opening a complaint retries with the next serial after losing it to a concurrent
 *     opening in the same branch and month, before answering 503
 */
@Validated
@ConfigurationProperties("sqp.complaints.numbering")
record NumberingProperties(@DefaultValue("100") @Min(1) int maxAttempts) {}
