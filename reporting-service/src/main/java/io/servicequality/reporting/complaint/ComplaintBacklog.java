package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Applies complaint events to the current states and answers the point-in-time questions. */
@Service
public class ComplaintBacklog {

    /** The lifecycle events the compliance breakdown counts. */
    private static final Set<ComplaintEventType> COUNTED = Set.of(
            ComplaintEventType.OPENED,
            ComplaintEventType.ACKNOWLEDGED,
            ComplaintEventType.RESOLVED,
            ComplaintEventType.SLA_BREACHED);

    /** Shown for a complaint without a category or severity. */
    static final String UNKNOWN = "unknown";

    private final ComplaintStates states;
    private final ComplaintEvents events;
    private final Clock clock;

    ComplaintBacklog(ComplaintStates states, ComplaintEvents events, Clock clock) {
        this.states = states;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Complaint figures of one category, severity or department.
     *
     * @param opened complaints opened in the range (likewise acknowledged, resolved, SLA breaches)
     * @param firstResponseCompliance acknowledged within target / acknowledged, in percent; {@code null} when none was
     * @param resolutionCompliance resolved within target / resolved, in percent; {@code null} when none was
     * @param open open now, whatever the range
     * @param overdue open now and past the resolution due time
     */
    public record Group(
            long opened,
            long acknowledged,
            long acknowledgedWithinTarget,
            Double firstResponseCompliance,
            long resolved,
            long resolvedWithinTarget,
            Double resolutionCompliance,
            long slaBreaches,
            long open,
            long overdue) {

        static final Group EMPTY = new Group(0, 0, 0, null, 0, 0, null, 0, 0, 0);

        Group plusEvents(String type, boolean withinTarget, long count) {
            long within = withinTarget ? count : 0;
            return switch (type) {
                case "OPENED" ->
                    with(
                            opened + count,
                            acknowledged,
                            acknowledgedWithinTarget,
                            resolved,
                            resolvedWithinTarget,
                            slaBreaches,
                            open,
                            overdue);
                case "ACKNOWLEDGED" ->
                    with(
                            opened,
                            acknowledged + count,
                            acknowledgedWithinTarget + within,
                            resolved,
                            resolvedWithinTarget,
                            slaBreaches,
                            open,
                            overdue);
                case "RESOLVED" ->
                    with(
                            opened,
                            acknowledged,
                            acknowledgedWithinTarget,
                            resolved + count,
                            resolvedWithinTarget + within,
                            slaBreaches,
                            open,
                            overdue);
                case "SLA_BREACHED" ->
                    with(
                            opened,
                            acknowledged,
                            acknowledgedWithinTarget,
                            resolved,
                            resolvedWithinTarget,
                            slaBreaches + count,
                            open,
                            overdue);
                default -> this;
            };
        }

        Group plusOpen(boolean isOverdue) {
            return with(
                    opened,
                    acknowledged,
                    acknowledgedWithinTarget,
                    resolved,
                    resolvedWithinTarget,
                    slaBreaches,
                    open + 1,
                    overdue + (isOverdue ? 1 : 0));
        }

        private static Group with(
                long opened,
                long acknowledged,
                long acknowledgedWithinTarget,
                long resolved,
                long resolvedWithinTarget,
                long slaBreaches,
                long open,
                long overdue) {
            return new Group(
                    opened,
                    acknowledged,
                    acknowledgedWithinTarget,
                    acknowledged == 0 ? null : 100.0 * acknowledgedWithinTarget / acknowledged,
                    resolved,
                    resolvedWithinTarget,
                    resolved == 0 ? null : 100.0 * resolvedWithinTarget / resolved,
                    slaBreaches,
                    open,
                    overdue);
        }
    }

    /** Complaint figures per category, severity and department (each sorted by name). */
    public record Breakdown(
            SortedMap<String, Group> byCategory,
            SortedMap<String, Group> bySeverity,
            SortedMap<String, Group> byDepartment) {}

    /**
     * An open complaint, for the overdue list.
     *
     * @param channel the channel it came through, {@code null} when none was named
     */
    public record OpenComplaint(
            String branchId,
            String complaintId,
            String number,
            String category,
            String severity,
            String department,
            String channel,
            Instant resolutionDueAt,
            boolean overdue) {}

    /** Open and overdue counts of a scope, now. */
    public record Backlog(long open, long overdue, List<OpenComplaint> complaints) {

        /** The same counts of the complaints that came through each channel (those without one in none). */
        public Map<String, Backlog> byChannel() {
            Map<String, List<OpenComplaint>> grouped = new TreeMap<>();
            for (OpenComplaint complaint : complaints) {
                if (complaint.channel() != null) {
                    grouped.computeIfAbsent(complaint.channel(), channel -> new ArrayList<>())
                            .add(complaint);
                }
            }
            Map<String, Backlog> byChannel = new TreeMap<>();
            grouped.forEach((channel, open) -> byChannel.put(channel, of(open)));
            return byChannel;
        }

        static Backlog of(List<OpenComplaint> open) {
            return new Backlog(
                    open.size(), open.stream().filter(OpenComplaint::overdue).count(), List.copyOf(open));
        }
    }

    /** The event, if it can be applied; {@link InvalidComplaintEventException} for one that never can. */
    static ComplaintChanged validated(ComplaintChanged event) {
        if (event.tenantId() == null
                || event.complaintId() == null
                || event.type() == null
                || event.occurredAt() == null) {
            throw new InvalidComplaintEventException(
                    "a complaint event needs tenantId, complaintId, type and occurredAt");
        }
        return event;
    }

    /**
     * Applies valid events in their order: the touched complaints' states are read in one query, the counted events
     * inserted in one bulk (a redelivered one hits its id and changes nothing), the resulting states replaced in one
     * bulk, each only over an older one.
     */
    void applyAll(List<ComplaintChanged> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, ComplaintState> current = states.findAll(batch.stream()
                .map(event -> ComplaintState.idOf(event.tenantId(), event.complaintId()))
                .collect(Collectors.toSet()));
        Map<String, ComplaintState> changed = new LinkedHashMap<>();
        List<ComplaintEventRecord> counted = new ArrayList<>();
        for (ComplaintChanged event : batch) {
            String id = ComplaintState.idOf(event.tenantId(), event.complaintId());
            ComplaintState before = current.get(id);
            if (COUNTED.contains(event.type()) && event.eventId() != null) {
                ComplaintState now = ComplaintState.after(before, event);
                counted.add(new ComplaintEventRecord(
                        event.eventId().toString(),
                        event.tenantId(),
                        event.branchId(),
                        event.complaintId(),
                        event.type().name(),
                        orUnknown(now.category()),
                        orUnknown(now.severity()),
                        departmentKey(now.department()),
                        event.withinTarget(),
                        event.occurredAt(),
                        event.occurredAt().truncatedTo(ChronoUnit.HOURS)));
            }
            if (before != null && before.lastOccurredAt().isAfter(event.occurredAt())) {
                continue;
            }
            ComplaintState after = ComplaintState.after(before, event);
            current.put(id, after);
            changed.put(id, after);
        }
        events.storeAll(counted);
        states.storeAll(changed.values());
    }

    /** The scope's open complaints now ({@code branchIds == null}: the tenant's), due first. */
    public Backlog backlog(String tenantId, Collection<String> branchIds) {
        Instant now = clock.instant();
        List<OpenComplaint> open = states.open(tenantId, branchIds).stream()
                .map(state -> new OpenComplaint(
                        state.branchId(),
                        state.complaintId(),
                        state.number(),
                        state.category(),
                        state.severity(),
                        state.department(),
                        state.channel(),
                        state.resolutionDueAt(),
                        state.overdueAt(now)))
                .toList();
        return Backlog.of(open);
    }

    /**
     * Lifecycle counts and SLA compliance of the hours starting in [from, to) per category, severity and department,
     * counted from the complaint events themselves (each with the complaint's category, severity and department at
     * the time), with the open and overdue complaints now.
     */
    public Breakdown breakdown(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        SortedMap<String, Group> byCategory = new TreeMap<>();
        SortedMap<String, Group> bySeverity = new TreeMap<>();
        SortedMap<String, Group> byDepartment = new TreeMap<>();
        for (ComplaintEvents.Count count : events.counts(tenantId, branchIds, from, to)) {
            boolean within = Boolean.TRUE.equals(count.withinTarget());
            add(byCategory, count.category(), g -> g.plusEvents(count.type(), within, count.count()));
            add(bySeverity, count.severity(), g -> g.plusEvents(count.type(), within, count.count()));
            add(byDepartment, count.department(), g -> g.plusEvents(count.type(), within, count.count()));
        }
        for (OpenComplaint open : backlog(tenantId, branchIds).complaints()) {
            add(byCategory, orUnknown(open.category()), g -> g.plusOpen(open.overdue()));
            add(bySeverity, orUnknown(open.severity()), g -> g.plusOpen(open.overdue()));
            add(byDepartment, departmentKey(open.department()), g -> g.plusOpen(open.overdue()));
        }
        return new Breakdown(byCategory, bySeverity, byDepartment);
    }

    private static void add(Map<String, Group> groups, String key, Function<Group, Group> change) {
        groups.put(key, change.apply(groups.getOrDefault(key, Group.EMPTY)));
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

    /** As scoring-service keys its {@code openedByDepartment}: blank is {@code unassigned}, no dots, no leading $. */
    static String departmentKey(String department) {
        if (department == null || department.isBlank()) {
            return "unassigned";
        }
        String key = department.strip().replace('.', '_');
        return key.startsWith("$") ? "_" + key.substring(1) : key;
    }
}
