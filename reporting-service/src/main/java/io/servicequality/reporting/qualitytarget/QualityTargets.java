package io.servicequality.reporting.qualitytarget;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.QualityTargetChanged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.stereotype.Service;

/** The quality targets read model: applies {@link QualityTargetChanged} events and answers which targets apply. */
@Service
public class QualityTargets {

    static final Set<String> BOUNDS = Set.of("AT_LEAST", "AT_MOST");

    private static final Comparator<Target> ORDER = Comparator.comparing(Target::metric)
            .thenComparing(Target::branchId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Target::targetId);

    private final MongoOperations mongo;

    QualityTargets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * A current target.
     *
     * @param branchId {@code null}: a tenant-wide target (every branch, unless the branch has its own of the metric)
     * @param bound {@code AT_LEAST} or {@code AT_MOST}
     */
    public record Target(String targetId, String branchId, String metric, String bound, double value) {

        /** Whether {@code observed} is on the attaining side of {@code value} (the bound included). */
        public boolean attainedBy(double observed) {
            return "AT_MOST".equals(bound) ? observed <= value : observed >= value;
        }
    }

    /**
     * Stores the event's state of the target unless an event at least as new was applied (the newest
     * {@code occurredAt} wins; a redelivery changes nothing). A removal is stored as a tombstone.
     */
    void apply(QualityTargetChanged event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.targetId() == null
                || event.occurredAt() == null) {
            throw new InvalidQualityTargetException(
                    "a quality-target event needs eventId, tenantId, targetId and occurredAt");
        }
        if (!event.removed() && (event.metric() == null || !BOUNDS.contains(event.bound()))) {
            throw new InvalidQualityTargetException("a current target needs a metric and a bound AT_LEAST or AT_MOST");
        }
        String id = QualityTargetDocument.idOf(event.tenantId(), event.targetId());
        var document = new QualityTargetDocument(
                id,
                event.tenantId(),
                event.targetId(),
                event.branchId(),
                event.metric(),
                event.bound(),
                event.value(),
                event.removed(),
                event.occurredAt());
        var older = query(where("_id").is(id).and("occurredAt").lt(event.occurredAt()));
        try {
            mongo.replace(older, document, ReplaceOptions.replaceOptions().upsert());
        } catch (DuplicateKeyException atLeastAsNewStored) {
            // the stored state is from an event at least as new: keep it
        }
    }

    /** The tenant's current targets (removed ones left out), by metric, tenant-wide first, then by id. */
    public List<Target> all(String tenantId) {
        return mongo
                .find(
                        query(where("tenantId").is(tenantId).and("removed").is(false))
                                .with(Sort.by("metric", "targetId")),
                        QualityTargetDocument.class)
                .stream()
                .map(d -> new Target(d.targetId(), d.branchId(), d.metric(), d.bound(), d.value()))
                .sorted(ORDER)
                .toList();
    }

    /**
     * The targets that apply to one branch: its own, and the tenant-wide ones of every metric it has no own target
     * for (a branch target overrides the tenant-wide targets of its metric).
     */
    public static List<Target> applyingTo(List<Target> targets, String branchId) {
        Set<String> overridden = targets.stream()
                .filter(t -> branchId.equals(t.branchId()))
                .map(Target::metric)
                .collect(Collectors.toSet());
        List<Target> applying = new ArrayList<>();
        for (Target target : targets) {
            if (branchId.equals(target.branchId())
                    || (target.branchId() == null && !overridden.contains(target.metric()))) {
                applying.add(target);
            }
        }
        return applying;
    }

    /** The tenant-wide targets: those a region's or the tenant's summed figures are held to. */
    public static List<Target> tenantWide(List<Target> targets) {
        return targets.stream().filter(t -> t.branchId() == null).toList();
    }
}
