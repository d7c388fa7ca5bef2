package io.servicequality.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.AlertEvent.AlertScope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AlertEventRecordKeyTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void aBranchAlertIsKeyedByTenantAndBranch() {
        AlertEvent raised = mapper.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);

        assertThat(raised.recordKey()).isEqualTo("acme-bank:SH-001");
    }

    @Test
    void aRegionOrTenantAlertWithoutBranchIsKeyedByItsScopeNotByANullBranch() {
        AlertRaised branch = (AlertRaised) mapper.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
        AlertRaised region = withScope(branch, new AlertScope(AlertScope.Level.REGION, "north"));
        AlertRaised tenant = withScope(branch, new AlertScope(AlertScope.Level.TENANT, "acme-bank"));

        assertThat(region.recordKey()).isEqualTo("acme-bank:REGION:north");
        assertThat(tenant.recordKey()).isEqualTo("acme-bank:TENANT:acme-bank");
        assertThat(mapper.writeValueAsString(region)).doesNotContain("recordKey");
    }

    private static AlertRaised withScope(AlertRaised raised, AlertScope scope) {
        return new AlertRaised(
                raised.eventId(),
                raised.tenantId(),
                null,
                raised.occurredAt(),
                raised.schemaVersion(),
                raised.alertId(),
                raised.ruleId(),
                raised.ruleKind(),
                scope,
                raised.metric(),
                raised.observedValue(),
                raised.threshold(),
                raised.baseline(),
                raised.n(),
                raised.severity(),
                raised.window());
    }
}
