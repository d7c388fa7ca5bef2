package io.servicequality.reporting.bucket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.servicequality.contracts.BucketStatistics;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads stored statistics fast: a year of a 200-branch region is thousands of documents, and Spring Data's reflective
 * mapping of the nested records costs about a millisecond each, while converting the raw document with Jackson (the
 * same mapping the contracts use on the wire) costs a few microseconds. Fields this version does not know are
 * ignored, as on the wire.
 */
final class StoredStatistics {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final JsonMapper WRITER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** One stored document's scope, start and statistics. */
    record Row(String branchId, Instant start, long revision, BucketStatistics statistics) {}

    private StoredStatistics() {}

    static Row row(Document document, String startField, String revisionField) {
        Object start = document.get(startField);
        Number revision = (Number) document.get(revisionField);
        return new Row(
                document.getString("branchId"),
                start instanceof Date date ? date.toInstant() : (Instant) start,
                revision == null ? 0 : revision.longValue(),
                statistics(document.get("statistics", Document.class)));
    }

    /** The stored form of statistics: the wire's JSON shape as a document; absent values are left out. */
    static Document document(BucketStatistics statistics) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = WRITER.convertValue(statistics, Map.class);
        return new Document(fields);
    }

    static BucketStatistics statistics(Map<String, Object> statistics) {
        return statistics == null ? BucketStatistics.EMPTY : JSON.convertValue(statistics, BucketStatistics.class);
    }
}
