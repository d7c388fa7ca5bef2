package io.servicequality.reporting.live;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.live.*}.
 *
 * @param heartbeat how often an idle stream gets a comment line (keeps proxies from closing it)
 * @param replayBuffer how many recent events are kept for clients resuming with {@code Last-Event-ID}
 * @param streamTimeout when a stream is closed (the browser's EventSource reconnects and resumes)
 * @param minuteWindow how far back the minute buckets kept in memory reach ({@link MinuteRing}); also how far back an
 *     instance reads the metric topic when it starts, to fill them
 */
@Validated
@ConfigurationProperties("sqp.live")
public record LiveProperties(
        @DefaultValue("15s") Duration heartbeat,
        @Positive @DefaultValue("1000") int replayBuffer,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("60m") Duration minuteWindow) {}
