package io.servicequality.feedback.survey;

import io.servicequality.feedback.ingest.EventType;
import java.util.List;

/** Request examples published in the OpenAPI document (and checked by a test to be accepted as they stand). */
final class FeedbackExamples {

    static final String SINGLE = """
            { "eventId": "0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11", "branchId": "SH-001",
              "occurredAt": "2026-11-20T09:15:00Z", "channel": "COUNTER",
              "servqual": { "reliability":    { "expectation": 7, "perception": 5 },
                            "responsiveness": { "expectation": 6, "perception": 6 } },
              "importance": { "reliability": 40, "responsiveness": 30, "tangibles": 10,
                              "assurance": 10, "empathy": 10 },
              "csat": 4, "nps": 9, "ces": 6, "comment": "Quick, but the form was confusing.",
              "customerRef": "c-77f1" }
            """;

    static final String ITEM_LEVEL = """
            { "branchId": "SH-001", "occurredAt": "2026-11-20T09:20:00Z", "channel": "APP",
              "servqual": { "empathy": { "items": [ { "expectation": 6, "perception": 4 },
                                                    { "expectation": 7, "perception": 5 } ] } },
              "nps": 7 }
            """;

    static final String BATCH = """
            [ { "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z", "channel": "COUNTER", "csat": 4 },
              { "branchId": "SH-002", "occurredAt": "2026-11-20T09:16:00Z", "channel": "WEB", "nps": 10,
                "comment": "Easy." } ]
            """;

    static final String BATCH_NDJSON = """
            {"branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4}
            {"branchId": "SH-002", "occurredAt": "2026-11-20T09:16:00Z", "ces": 6}
            """;

    static final EventType.RequestExamples ALL = new EventType.RequestExamples(
            List.of(new EventType.Named("dimensions", SINGLE), new EventType.Named("item-level answers", ITEM_LEVEL)),
            BATCH,
            BATCH_NDJSON);

    private FeedbackExamples() {}
}
