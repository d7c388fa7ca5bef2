package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.AlertWindow;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.AlertRuleChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Topics;
import io.servicequality.scoring.punctuation.PunctuationWhileBusy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates the alert rules of one task's tenants on the hour statistics the counting topology publishes.
 *
 * <p>Per hour update: kept if newer than the stored revision, and the branch hour marked changed. Every {@link
 * AlertingTopology.Settings#evaluateInterval()}: for each changed hour, the tenant's and each region's merged hour is
 * recomputed from its branches' hours (in branch order, so a replay computes the same sums); then every changed branch
 * is evaluated against the tenant's branch rules, and each region of a changed branch and the tenant against their
 * rules. The windows end at the end of the subject's latest hour with data (event time, so a replay decides as the
 * first run did). A raise happens only while the episode is inactive and a clear only while it is active: an episode
 * is raised once and cleared once. Decisions, stores and the alert events are committed in one Kafka transaction.
 */
final class AlertingProcessor implements Processor<String, BranchHourUpdate, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(AlertingProcessor.class);

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final String TENANT_SCOPE = "TENANT";
    private static final String REGION_SCOPE_PREFIX = "REGION:";
    private static final Duration EPISODE_SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** How many tenant hours' branch hours {@link #branchHoursByTenantHour} keeps (the current and a few late ones). */
    private static final int TENANT_HOURS_KEPT = 6;

    private final AlertingTopology.Settings settings;
    private final JsonMapper json;
    /** Evaluates the touched hours every evaluate interval while there are any. */
    private final PunctuationWhileBusy evaluation;

    private ProcessorContext<String, byte[]> context;
    private WindowStore<String, AlertHour> branchHours;
    private WindowStore<String, AlertHour> scopeHours;
    private KeyValueStore<String, String> tenantBranches;
    private KeyValueStore<String, Episode> episodes;
    private KeyValueStore<String, Long> touched;
    private ReadOnlyKeyValueStore<String, ?> ruleTable;
    private ReadOnlyKeyValueStore<String, ?> directory;

    /** Mirrors {@link #touched}, so an evaluation does not scan the store. */
    private final Set<String> touchedKeys = new LinkedHashSet<>();
    /** The branches of each tenant seen by this task, loaded from {@link #tenantBranches} on first use. */
    private final Map<String, TreeSet<String>> branchesByTenant = new HashMap<>();
    /** Parsed rules and directory entries, with the bytes they were parsed from. */
    private final Map<String, Parsed<AlertRule>> rules = new HashMap<>();

    private final Map<String, Parsed<String>> regions = new HashMap<>();

    /**
     * The branches' hours as {@link #branchHours} holds them, by {@code tenantId|hourStart} and in branch order, for the
     * tenant hours merged last. A merge sums every branch's hour of the tenant, every evaluation: reading each from the
     * store (a RocksDB fetch and a decode per branch, five times a second for a tenant of 200 branches) was about a
     * third of the stream thread's time at 200 events/s. Loaded from the store on a merge's first use of the hour, kept
     * current by {@link #process}, emptied by {@link #init} (a task that restarts reads its restored store again).
     */
    private final Map<String, TreeMap<String, AlertHour>> branchHoursByTenantHour =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TreeMap<String, AlertHour>> eldest) {
                    return size() > TENANT_HOURS_KEPT;
                }
            };

    private record Parsed<T>(byte[] bytes, T value) {}

    AlertingProcessor(AlertingTopology.Settings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.evaluation = new PunctuationWhileBusy(
                settings.evaluateInterval(), () -> !touchedKeys.isEmpty(), this::evaluateTouched);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.branchHours = context.getStateStore(AlertingTopology.BRANCH_HOURS);
        this.scopeHours = context.getStateStore(AlertingTopology.SCOPE_HOURS);
        this.tenantBranches = context.getStateStore(AlertingTopology.TENANT_BRANCHES);
        this.episodes = context.getStateStore(AlertingTopology.EPISODES);
        this.touched = context.getStateStore(AlertingTopology.TOUCHED_HOURS);
        this.ruleTable = context.getStateStore(AlertingTopology.RULES);
        this.directory = context.getStateStore(AlertingTopology.BRANCH_DIRECTORY);
        branchHoursByTenantHour.clear();
        try (KeyValueIterator<String, Long> restored = touched.all()) {
            restored.forEachRemaining(entry -> touchedKeys.add(entry.key));
        }
        evaluation.init(context);
        context.schedule(
                EPISODE_SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> forgetEpisodesOfDeletedRules());
    }

    @Override
    public void process(Record<String, BranchHourUpdate> record) {
        BranchHourUpdate update = record.value();
        if (update == null) {
            return; // unreadable (logged by its serde)
        }
        String branchKey = Topics.recordKey(update.tenantId(), update.branchId());
        long hour = update.hourStart();
        AlertHour stored = branchHours.fetch(branchKey, hour);
        if (stored != null && stored.revision() >= update.hour().revision()) {
            return; // a copy or an older update
        }
        branchHours.put(branchKey, update.hour(), hour);
        TreeMap<String, AlertHour> merged = branchHoursByTenantHour.get(update.tenantId() + "|" + hour);
        if (merged != null) {
            merged.put(update.branchId(), update.hour());
        }
        if (branchesOf(update.tenantId()).add(update.branchId())) {
            tenantBranches.put(update.tenantId() + "|" + update.branchId(), update.branchId());
        }
        String touchedKey = update.tenantId() + "|" + update.branchId() + "|" + hour;
        if (touchedKeys.add(touchedKey)) {
            touched.put(touchedKey, hour);
        }
        evaluation.workMarked();
    }

    private TreeSet<String> branchesOf(String tenantId) {
        return branchesByTenant.computeIfAbsent(tenantId, tenant -> {
            TreeSet<String> branches = new TreeSet<>();
            try (KeyValueIterator<String, String> stored =
                    tenantBranches.prefixScan(tenant + "|", new StringSerializer())) {
                stored.forEachRemaining(entry -> branches.add(entry.value));
            }
            return branches;
        });
    }

    /** The changed hours of every tenant: merges them into the scopes, then evaluates the rules. */
    private void evaluateTouched(long now) {
        Map<String, Map<String, Set<Long>>> changes = new TreeMap<>();
        for (String key : touchedKeys) {
            String[] parts = key.split("\\|", 3);
            changes.computeIfAbsent(parts[0], tenant -> new TreeMap<>())
                    .computeIfAbsent(parts[1], branch -> new TreeSet<>())
                    .add(Long.parseLong(parts[2]));
        }
        changes.forEach((tenantId, branches) -> {
            Map<String, String> regionOf = new HashMap<>();
            for (String branchId : branchesOf(tenantId)) {
                String region = regionOf(tenantId, branchId);
                if (region != null) {
                    regionOf.put(branchId, region);
                }
            }
            Set<Long> hours = new TreeSet<>();
            branches.values().forEach(hours::addAll);
            hours.forEach(hour -> mergeScopes(tenantId, hour, regionOf));
            evaluate(tenantId, branches.keySet(), regionOf, now);
        });
        touchedKeys.forEach(touched::delete);
        touchedKeys.clear();
    }

    /** Recomputes the tenant's and its regions' statistics of one hour from the branches' hours. */
    private void mergeScopes(String tenantId, long hour, Map<String, String> regionOf) {
        BucketStatistics tenant = BucketStatistics.EMPTY;
        long revision = 0;
        Map<String, BucketStatistics> byRegion = new TreeMap<>();
        for (Map.Entry<String, AlertHour> entry : branchHoursOf(tenantId, hour).entrySet()) {
            String branchId = entry.getKey();
            AlertHour branch = entry.getValue();
            tenant = tenant.plus(branch.statistics());
            revision = Math.max(revision, branch.revision());
            String region = regionOf.get(branchId);
            if (region != null) {
                byRegion.merge(region, branch.statistics(), BucketStatistics::plus);
            }
        }
        scopeHours.put(scopeKey(tenantId, TENANT_SCOPE), new AlertHour(revision, tenant), hour);
        for (Map.Entry<String, BucketStatistics> region : byRegion.entrySet()) {
            scopeHours.put(
                    scopeKey(tenantId, REGION_SCOPE_PREFIX + region.getKey()),
                    new AlertHour(revision, region.getValue()),
                    hour);
        }
    }

    /** The tenant's branches' hours starting at {@code hour}, by branch in order; branches without one left out. */
    private TreeMap<String, AlertHour> branchHoursOf(String tenantId, long hour) {
        return branchHoursByTenantHour.computeIfAbsent(tenantId + "|" + hour, key -> {
            TreeMap<String, AlertHour> hours = new TreeMap<>();
            for (String branchId : branchesOf(tenantId)) {
                AlertHour branch = branchHours.fetch(Topics.recordKey(tenantId, branchId), hour);
                if (branch != null) {
                    hours.put(branchId, branch);
                }
            }
            return hours;
        });
    }

    private void evaluate(String tenantId, Set<String> changedBranches, Map<String, String> regionOf, long now) {
        List<AlertRule> tenantRules = rulesOf(tenantId);
        if (tenantRules.isEmpty()) {
            return;
        }
        Set<AlertScope> scopes = new LinkedHashSet<>();
        for (String branchId : changedBranches) {
            List<AlertRule> applicable = tenantRules.stream()
                    .filter(rule -> rule.appliesTo(branchId))
                    .toList();
            if (!applicable.isEmpty()) {
                evaluate(
                        applicable,
                        branchId,
                        new AlertScope(AlertScope.Level.BRANCH, branchId),
                        branchHours,
                        Topics.recordKey(tenantId, branchId),
                        now);
            }
            String region = regionOf.get(branchId);
            if (region != null) {
                scopes.add(new AlertScope(AlertScope.Level.REGION, region));
            }
        }
        scopes.add(new AlertScope(AlertScope.Level.TENANT, tenantId));
        for (AlertScope scope : scopes) {
            List<AlertRule> applicable =
                    tenantRules.stream().filter(rule -> rule.appliesTo(scope)).toList();
            if (!applicable.isEmpty()) {
                String subject =
                        scope.level() == AlertScope.Level.TENANT ? TENANT_SCOPE : REGION_SCOPE_PREFIX + scope.id();
                evaluate(applicable, null, scope, scopeHours, scopeKey(tenantId, subject), now);
            }
        }
    }

    /** The rules of one subject over its hours, in the store {@code hours} under {@code key}. */
    private void evaluate(
            List<AlertRule> applicable,
            String branchId,
            AlertScope scope,
            WindowStore<String, AlertHour> hours,
            String key,
            long now) {
        Long latest = latestHour(hours, key);
        if (latest == null) {
            return;
        }
        Instant windowTo = Instant.ofEpochMilli(latest + HOUR_MILLIS);
        for (AlertRule rule : applicable) {
            List<AlertEvaluation.Hour> history = new ArrayList<>();
            try (WindowStoreIterator<AlertHour> stored =
                    hours.fetch(key, fromOf(rule, windowTo).toEpochMilli(), windowTo.toEpochMilli() - 1)) {
                stored.forEachRemaining(hour ->
                        history.add(new AlertEvaluation.Hour(Instant.ofEpochMilli(hour.key), hour.value.statistics())));
            }
            AlertEvaluation.Verdict verdict = AlertEvaluation.evaluate(rule, history, windowTo);
            if (verdict != null) {
                transition(rule, branchId, scope, verdict, now);
            }
        }
    }

    private static Long latestHour(WindowStore<String, AlertHour> hours, String key) {
        try (WindowStoreIterator<AlertHour> newestFirst = hours.backwardFetch(key, 0L, Long.MAX_VALUE)) {
            return newestFirst.hasNext() ? newestFirst.next().key : null;
        }
    }

    private static Instant fromOf(AlertRule rule, Instant windowTo) {
        return windowTo.minus(rule.window())
                .minus(rule.kind() == RuleKind.THRESHOLD ? Duration.ZERO : rule.baselineWindow());
    }

    private void transition(
            AlertRule rule, String branchId, AlertScope scope, AlertEvaluation.Verdict verdict, long now) {
        String subject = scope.level() == AlertScope.Level.BRANCH ? scope.id() : scope.level() + ":" + scope.id();
        String episodeKey = rule.id() + "|" + subject;
        Episode episode = episodes.get(episodeKey);
        boolean active = episode != null && episode.active();
        boolean raising = verdict.raise() && !active;
        if (!raising && !(verdict.clear() && active)) {
            return;
        }
        String alertId = raising ? rule.id() + ":" + subject + ":" + verdict.windowTo() : episode.alertId();
        AlertEventConstructor constructor = raising ? AlertRaised::new : AlertCleared::new;
        AlertEvent event = constructor.create(
                eventIdOf(alertId, raising ? "raised" : "cleared"),
                rule.tenantId(),
                branchId,
                Instant.ofEpochMilli(now),
                raising ? AlertRaised.SCHEMA_VERSION : AlertCleared.SCHEMA_VERSION,
                alertId,
                rule.id(),
                rule.kind(),
                scope,
                rule.metric().publicName(),
                verdict.observed(),
                rule.kind() == RuleKind.THRESHOLD ? rule.threshold() : null,
                verdict.baseline(),
                verdict.n(),
                rule.severity(),
                new AlertWindow(verdict.windowFrom(), verdict.windowTo()));
        episodes.put(episodeKey, new Episode(rule.tenantId(), rule.id(), raising, alertId));
        log.info(
                "alert {}: {} observed {} (n {})",
                raising ? "raised" : "cleared",
                alertId,
                verdict.observed(),
                verdict.n());
        context.forward(
                new Record<>(event.recordKey(), json.writerFor(AlertEvent.class).writeValueAsBytes(event), now));
    }

    /** The constructor both alert events share: a raise and a clear carry the same fields. */
    @FunctionalInterface
    private interface AlertEventConstructor {
        AlertEvent create(
                UUID eventId,
                String tenantId,
                String branchId,
                Instant occurredAt,
                int schemaVersion,
                String alertId,
                String ruleId,
                RuleKind ruleKind,
                AlertScope scope,
                String metric,
                double observedValue,
                Double threshold,
                Double baseline,
                long n,
                AlertEvent.Severity severity,
                AlertWindow window);
    }

    private static UUID eventIdOf(String alertId, String transition) {
        return UUID.nameUUIDFromBytes((alertId + "|" + transition).getBytes(StandardCharsets.UTF_8));
    }

    private static String scopeKey(String tenantId, String subject) {
        return tenantId + "|" + subject;
    }

    /** The tenant's current rules from the global table; an unreadable one is skipped (and logged once). */
    private List<AlertRule> rulesOf(String tenantId) {
        List<AlertRule> found = new ArrayList<>();
        try (KeyValueIterator<String, ?> entries =
                ruleTable.prefixScan(AlertRuleChanged.keyPrefixOf(tenantId), new StringSerializer())) {
            while (entries.hasNext()) {
                KeyValue<String, ?> entry = entries.next();
                AlertRule rule = parsed(rules, entry.key, bytesOf(entry.value), this::ruleOf);
                if (rule != null && !rule.removed() && tenantId.equals(rule.tenantId())) {
                    found.add(rule);
                }
            }
        }
        return found;
    }

    private AlertRule ruleOf(String key, byte[] bytes) {
        try {
            return AlertRule.of(json.readValue(bytes, AlertRuleChanged.class));
        } catch (JacksonException | IllegalArgumentException unusable) {
            log.warn("alert rule {} cannot be evaluated ({}); skipping it", key, unusable.toString());
            return null;
        }
    }

    /** The branch's region from the directory; {@code null} while unknown, removed or without one. */
    private String regionOf(String tenantId, String branchId) {
        String branchKey = Topics.recordKey(tenantId, branchId);
        return parsed(regions, branchKey, bytesOf(directory.get(branchKey)), this::regionOfEntry);
    }

    private String regionOfEntry(String branchKey, byte[] bytes) {
        try {
            BranchChanged branch = json.readValue(bytes, BranchChanged.class);
            return branch.removed() ? null : branch.regionId();
        } catch (JacksonException unusable) {
            log.warn("branch {} has an unusable directory entry ({}); no region", branchKey, unusable.toString());
            return null;
        }
    }

    private interface Parser<T> {
        T parse(String key, byte[] bytes);
    }

    private static <T> T parsed(Map<String, Parsed<T>> cache, String key, byte[] bytes, Parser<T> parser) {
        if (bytes == null) {
            cache.remove(key);
            return null;
        }
        Parsed<T> cached = cache.get(key);
        if (cached == null || !Arrays.equals(cached.bytes(), bytes)) {
            cached = new Parsed<>(bytes, parser.parse(key, bytes));
            cache.put(key, cached);
        }
        return cached.value();
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            value = timestamped.value();
        }
        return (byte[]) value;
    }

    /** Drops the episodes of rules that were deleted (rule ids are never reused), without an event. */
    private void forgetEpisodesOfDeletedRules() {
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, Episode> all = episodes.all()) {
            while (all.hasNext()) {
                KeyValue<String, Episode> entry = all.next();
                String ruleKey = AlertRuleChanged.keyPrefixOf(entry.value.tenantId()) + entry.value.ruleId();
                AlertRule current = parsed(rules, ruleKey, bytesOf(ruleTable.get(ruleKey)), this::ruleOf);
                if (current == null || current.removed()) {
                    forgotten.add(entry.key);
                }
            }
        }
        forgotten.forEach(episodes::delete);
    }
}
