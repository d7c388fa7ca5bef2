package io.servicequality.feedback.interaction;

import io.servicequality.feedback.ingest.EventType;
import java.util.List;

/** Request examples published in the OpenAPI document (and checked by a test to be accepted as they stand). */
final class InteractionExamples {

    static final String SINGLE = """
            { "eventId": "5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55", "branchId": "SH-001",
              "occurredAt": "2026-11-20T09:02:00Z", "channel": "PHONE", "agentId": "a-12",
              "offeredAt": "2026-11-20T08:58:56Z", "answered": true, "abandoned": false,
              "waitSeconds": 14, "handleSeconds": 170, "resolvedFirstContact": true, "complex": false }
            """;

    static final String ABANDONED = """
            { "branchId": "SH-001", "occurredAt": "2026-11-20T09:05:00Z", "channel": "CHAT",
              "answered": false, "abandoned": true, "waitSeconds": 95 }
            """;

    static final String BATCH = """
            [ { "branchId": "SH-001", "occurredAt": "2026-11-20T09:02:00Z", "channel": "PHONE",
                "answered": true, "abandoned": false, "waitSeconds": 14, "handleSeconds": 170 },
              { "branchId": "SH-001", "occurredAt": "2026-11-20T09:05:00Z", "channel": "CHAT",
                "answered": false, "abandoned": true, "waitSeconds": 95 } ]
            """;

    static final String BATCH_NDJSON = """
            {"branchId": "SH-001", "occurredAt": "2026-11-20T09:02:00Z", "channel": "PHONE", "answered": true, "abandoned": false, "waitSeconds": 14, "handleSeconds": 170}
            {"branchId": "SH-002", "occurredAt": "2026-11-20T09:03:00Z", "channel": "COUNTER", "answered": true, "abandoned": false, "waitSeconds": 40, "handleSeconds": 300, "complex": true}
            """;

    static final EventType.RequestExamples ALL = new EventType.RequestExamples(
            List.of(new EventType.Named("answered", SINGLE), new EventType.Named("abandoned", ABANDONED)),
            BATCH,
            BATCH_NDJSON);

    private InteractionExamples() {}
}
