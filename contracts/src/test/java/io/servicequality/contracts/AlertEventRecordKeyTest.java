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

    @Test
    void aHandlingChangeIsKeyedLikeItsAlertAndCarriesTheFieldsWebhooksRelyOn() {
        AlertHandlingChanged branch =
                mapper.readValue(EventSample.ALERT_HANDLING_CHANGED.json(), AlertHandlingChanged.class);
        AlertHandlingChanged region = new AlertHandlingChanged(
                branch.eventId(),
                branch.tenantId(),
                null,
                branch.occurredAt(),
                branch.schemaVersion(),
                branch.alertId(),
                branch.type(),
                branch.actor(),
                branch.assignee(),
                branch.correctiveActionId(),
                branch.note(),
                branch.escalationLevel(),
                branch.metric(),
                branch.severity(),
                new AlertScope(AlertScope.Level.REGION, "north"),
                branch.ruleId(),
                branch.status());

        assertThat(branch.recordKey()).isEqualTo("acme-bank:SH-001");
        assertThat(region.recordKey()).isEqualTo("acme-bank:REGION:north");
        assertThat(mapper.readTree(mapper.writeValueAsString(branch)).propertyNames())
                .contains("type", "tenantId", "eventId", "alertId", "escalationLevel")
                .doesNotContain("recordKey");
        assertThat(branch.type()).isEqualTo(AlertHandlingChanged.HandlingEventType.ESCALATED);
        assertThat(branch.escalationLevel()).isEqualTo(1);
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
