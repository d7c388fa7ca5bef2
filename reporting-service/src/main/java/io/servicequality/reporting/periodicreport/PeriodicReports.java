package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Generates a report on request, archives it, and finds archived ones for callers who may see their scope. */
@Service
class PeriodicReports {

    static final int LIST_LIMIT = 100;

    private final Scopes scopes;
    private final ReportWriter writer;
    private final ReportArchive archive;
    private final Clock clock;

    PeriodicReports(Scopes scopes, ReportWriter writer, ReportArchive archive, Clock clock) {
        this.scopes = scopes;
        this.writer = writer;
        this.archive = archive;
        this.clock = clock;
    }

    ReportArchive.Archived generate(PeriodicReportRequest request) {
        ReportPeriod.Kind kind = parsed("period", () -> ReportPeriod.Kind.of(request.period()));
        ReportLanguage language = parsed("language", () -> ReportLanguage.of(request.language()));
        Scope scope = scopes.resolve(request.branchId(), request.regionId(), request.zone());
        LocalDate today = LocalDate.now(clock.withZone(scope.zone()));
        ReportPeriod period = periodOf(kind, request.start(), today);
        return writer.write(
                UUID.randomUUID().toString(), scopes.tenantId(), scope, period, language, scopes.actor(), null);
    }

    List<ReportArchive.Archived> list(String branchId, String regionId) {
        Scope scope = scopes.resolve(branchId, regionId, null);
        return archive.list(scopes.tenantId(), scope, LIST_LIMIT);
    }

    /** The archived report, if it is the caller's tenant's and the caller may see its scope (else 403 or 404). */
    ReportArchive.Archived find(String id) {
        ReportArchive.Archived archived =
                archive.find(scopes.tenantId(), id).orElseThrow(() -> Problems.notFound("no report " + id));
        scopes.resolve(archived.branchId(), archived.regionId(), archived.zone());
        return archived;
    }

    String html(String id) {
        find(id);
        return archive.html(scopes.tenantId(), id).orElseThrow(() -> Problems.notFound("no report " + id));
    }

    byte[] pdf(String id) {
        find(id);
        return archive.pdf(scopes.tenantId(), id).orElseThrow(() -> Problems.notFound("no report " + id));
    }

    /**
     * The period that starts on {@code start} (it must be a period's first day: a Monday, the 1st of a month or of a
     * quarter's first month), or without one the last period that has ended; a period that has not ended is refused.
     */
    static ReportPeriod periodOf(ReportPeriod.Kind kind, LocalDate start, LocalDate today) {
        if (start == null) {
            return ReportPeriod.lastCompleteBefore(kind, today);
        }
        ReportPeriod period = ReportPeriod.containing(kind, start);
        if (!period.start().equals(start)) {
            throw Problems.validationFailed(
                    "start",
                    "must be the first day of a " + kind + " (" + period.start() + " starts the one it is in)");
        }
        if (period.end().isAfter(today)) {
            throw Problems.validationFailed(
                    "start",
                    "the " + kind + " from " + start + " has not ended (its last day is " + period.lastDay() + ")");
        }
        return period;
    }

    static <T> T parsed(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException invalid) {
            throw Problems.validationFailed(field, invalid.getMessage());
        }
    }
}
