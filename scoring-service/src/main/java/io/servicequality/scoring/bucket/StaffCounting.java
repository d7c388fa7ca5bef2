package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.scoring.bucket.StaffContribution.LinkedFeedback;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff part of {@link CountingProcessor}: counts each distinct event (after the processor's deduplication, in the
 * same transaction) into the day bucket of the member of staff it is attributed to ({@link StaffContribution}), and
 * publishes the changed staff days as {@link StaffMetricUpdated}.
 *
 * <p>Linking feedback to an agent: an interaction remembers its agent under {@code tenant:branch|eventId}; a feedback
 * naming that interaction ({@code interactionId} = the interaction's {@code eventId}) is attributed to that agent. A
 * feedback that arrives before its interaction waits, under the same key, until the interaction arrives and is then
 * attributed with it. Both are kept for the deduplication horizon (at least 7 days) around their log time: a feedback
 * logged more than that before or after its interaction is never linked. Only an interaction and feedback of the same
 * branch are linked (they share a partition). Each feedback is attributed at most once: its copies are dropped before
 * they reach this class, and a waiting feedback is removed in the transaction that attributes it.
 */
final class StaffCounting {

    private static final TypeReference<List<LinkedFeedback>> WAITING_LIST = new TypeReference<>() {};

    private final CountingRules rules;
    private final JsonMapper json;

    private WindowStore<String, StaffState> days;
    private KeyValueStore<String, Long> changed;
    private WindowStore<String, String> interactionAgents;
    private WindowStore<String, byte[]> waitingFeedback;
    /** Mirrors {@link #changed}, in marking order, so a punctuation does not scan the store. */
    private final Set<String> changedKeys = new LinkedHashSet<>();

    StaffCounting(CountingRules rules, JsonMapper json) {
        this.rules = rules;
        this.json = json;
    }

    void init(ProcessorContext<String, Output> context) {
        days = context.getStateStore(CountingTopology.STAFF_DAY_BUCKETS);
        changed = context.getStateStore(CountingTopology.CHANGED_STAFF_BUCKETS);
        interactionAgents = context.getStateStore(CountingTopology.INTERACTION_AGENTS);
        waitingFeedback = context.getStateStore(CountingTopology.WAITING_FEEDBACK);
        try (KeyValueIterator<String, Long> restored = changed.all()) {
            restored.forEachRemaining(entry -> changedKeys.add(entry.key));
        }
    }

    /**
     * Counts a distinct, valid event of a served tenant.
     *
     * @param loggedAt the record's timestamp
     * @param zones the branch's time zone by tenant and branch
     */
    void count(PlatformEvent event, long loggedAt, BiFunction<String, String, ZoneId> zones, Instant now) {
        ZoneId zone = zones.apply(event.tenantId(), event.branchId());
        if (event instanceof InteractionRecorded interaction) {
            Optional<StaffContribution> contribution = StaffContribution.of(interaction);
            contribution.ifPresent(c -> add(event, c, zone, now));
            contribution.ifPresent(c -> link(interaction, c.staffId(), loggedAt, zone, now));
        } else if (event instanceof FeedbackSubmitted feedback) {
            StaffContribution.interactionOf(feedback)
                    .ifPresent(interactionId -> attributeOrWait(feedback, interactionId, loggedAt, zone, now));
        } else if (event instanceof ComplaintChanged complaint) {
            StaffContribution.of(complaint).ifPresent(c -> add(event, c, zone, now));
        }
    }

    /** Remembers the interaction's agent and attributes the feedback that was waiting for it. */
    private void link(InteractionRecorded interaction, String agentId, long loggedAt, ZoneId zone, Instant now) {
        String key = linkKey(interaction, StaffContribution.interactionOf(interaction));
        interactionAgents.put(key, agentId, loggedAt);
        List<KeyValue<Long, byte[]>> waiting = new ArrayList<>();
        try (WindowStoreIterator<byte[]> found = waitingFeedback.fetch(key, from(loggedAt), to(loggedAt))) {
            found.forEachRemaining(waiting::add);
        }
        for (KeyValue<Long, byte[]> entry : waiting) {
            for (LinkedFeedback feedback : json.readValue(entry.value, WAITING_LIST)) {
                add(interaction, StaffContribution.ofLinkedFeedback(agentId, feedback), zone, now);
            }
            waitingFeedback.put(key, null, entry.key);
        }
    }

    private void attributeOrWait(
            FeedbackSubmitted feedback, String interactionId, long loggedAt, ZoneId zone, Instant now) {
        String key = linkKey(feedback, interactionId);
        String agentId = null;
        try (WindowStoreIterator<String> found = interactionAgents.fetch(key, from(loggedAt), to(loggedAt))) {
            while (found.hasNext()) {
                agentId = found.next().value;
            }
        }
        if (agentId != null) {
            add(feedback, StaffContribution.ofLinkedFeedback(agentId, LinkedFeedback.of(feedback)), zone, now);
            return;
        }
        // wait beside the feedback already waiting for this interaction, if any (one entry per interaction)
        long at = loggedAt;
        List<LinkedFeedback> waiting = new ArrayList<>();
        try (WindowStoreIterator<byte[]> found = waitingFeedback.fetch(key, from(loggedAt), to(loggedAt))) {
            if (found.hasNext()) {
                KeyValue<Long, byte[]> entry = found.next();
                at = entry.key;
                waiting.addAll(json.readValue(entry.value, WAITING_LIST));
            }
        }
        waiting.add(LinkedFeedback.of(feedback));
        waitingFeedback.put(key, json.writeValueAsBytes(waiting), at);
    }

    private void add(PlatformEvent event, StaffContribution contribution, ZoneId zone, Instant now) {
        StaffDay day = StaffDay.of(
                event.tenantId(), event.branchId(), contribution.staffId(), contribution.occurredAt(), zone);
        long start = day.start().toEpochMilli();
        StaffState state = days.fetch(day.storeKey(), start);
        days.put(
                day.storeKey(), (state == null ? StaffState.EMPTY : state).plus(contribution.statistics(), now), start);
        String changedKey = day.changedKey();
        if (changedKeys.add(changedKey)) {
            changed.put(changedKey, start);
        }
    }

    /** Whether a staff day changed since the last {@link #publishChanged}. */
    boolean anyChanged() {
        return !changedKeys.isEmpty();
    }

    /** Publishes the absolute statistics of every staff day changed since the last call, and unmarks them. */
    void publishChanged(long now, Consumer<Record<String, Output>> forward) {
        Iterator<String> keys = changedKeys.iterator();
        while (keys.hasNext()) {
            String key = keys.next();
            StaffDay day = StaffDay.ofChangedKey(key);
            StaffState state = days.fetch(day.storeKey(), day.start().toEpochMilli());
            if (state != null) {
                StaffMetricUpdated update = state.toStaffMetricUpdated(day, rules.revisionBase());
                forward.accept(new Record<>(
                        update.recordKey(),
                        new Output(Topics.STAFF_METRIC_UPDATED, json.writeValueAsBytes(update)),
                        now));
            }
            changed.delete(key);
            keys.remove();
        }
    }

    private static String linkKey(PlatformEvent event, String interactionId) {
        return Topics.recordKey(event.tenantId(), event.branchId()) + "|" + interactionId;
    }

    private long from(long loggedAt) {
        return Math.max(0, loggedAt - rules.deduplicationHorizon().toMillis());
    }

    private long to(long loggedAt) {
        return loggedAt + rules.deduplicationHorizon().toMillis();
    }
}
