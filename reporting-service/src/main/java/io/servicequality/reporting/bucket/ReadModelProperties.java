package io.servicequality.reporting.bucket;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.read-model.*}: how the bucket read model is written behind (see {@link WriteBehindBuckets}).
 *
 * @param flushInterval how often applied updates are written to the store (and their offsets committed after that)
 * @param cachedDays how many branch-days (their hour buckets and roll-ups) stay in memory once written; the least
 *     recently used ones beyond that are dropped and read again when an update for them arrives
 * @param maxUnflushedDays a batch that leaves more branch-days unwritten than this is written at once, without waiting
 *     for the interval (bounds memory while catching up from a backlog that spans many days)
 */
@Validated
@ConfigurationProperties("sqp.read-model")
public record ReadModelProperties(
        @DefaultValue("5s") Duration flushInterval,
        @Positive @DefaultValue("500") int cachedDays,
        @Positive @DefaultValue("500") int maxUnflushedDays) {}
