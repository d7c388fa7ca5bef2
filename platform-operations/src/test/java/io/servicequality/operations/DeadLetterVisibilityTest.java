package io.servicequality.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.security.Caller;
import io.servicequality.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class DeadLetterVisibilityTest {

    static final DeadLetterVisibility VISIBILITY =
            new DeadLetterVisibility("acme-bank", List.of("acme-bank", "other-bank"));

    @Test
    void theOperatorTenantsAdminSeesEveryRecordOthersOnlyTheirTenants() {
        Caller operator = admin("acme-bank");
        Caller other = admin("other-bank");
        ConsumerRecord<byte[], byte[]> acme = record("acme-bank:SH-001", "{\"tenantId\":\"acme-bank\"}");
        ConsumerRecord<byte[], byte[]> others = record("other-bank:SH-001", "{\"tenantId\":\"other-bank\"}");
        ConsumerRecord<byte[], byte[]> nobodys = record(null, "\u0000not json");
        ConsumerRecord<byte[], byte[]> disagreeing = record("other-bank:SH-001", "{\"tenantId\":\"acme-bank\"}");

        assertThat(List.of(acme, others, nobodys, disagreeing)).allMatch(record -> VISIBILITY.maySee(operator, record));
        assertThat(VISIBILITY.maySee(other, others)).isTrue();
        assertThat(VISIBILITY.maySee(other, acme)).isFalse();
        assertThat(VISIBILITY.maySee(other, nobodys))
                .as("attributed to no tenant")
                .isFalse();
        assertThat(VISIBILITY.maySee(other, disagreeing))
                .as("key and payload disagree")
                .isFalse();
        assertThat(VISIBILITY.maySee(other, record("other-bank:SH-001", null)))
                .as("key alone")
                .isTrue();
    }

    @Test
    void withoutAnOperatorTenantTheOnlyTenantServedOperatesElseNobody() {
        assertThat(new DeadLetterVisibility("", List.of("demo")).operatorTenant())
                .contains("demo");
        assertThat(new DeadLetterVisibility(" ", List.of("a", "b")).operatorTenant())
                .isEmpty();
        assertThat(new DeadLetterVisibility("", List.of("a", "b")).isOperator(admin("a")))
                .isFalse();
    }

    @Test
    void purgeOffsetsAreParsedOrRefused() {
        assertThat(DeadLetterController.upToOffsets("0:41, 2:7")).isEqualTo(Map.of(0, 41L, 2, 7L));
        assertThat(DeadLetterController.upToOffsets(null)).isEmpty();
        for (String wrong : List.of("0-4", "0:4,0:5", "-1:3", "a:b", "0:4:5")) {
            assertThatThrownBy(() -> DeadLetterController.upToOffsets(wrong))
                    .as(wrong)
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        }
    }

    static Caller admin(String tenant) {
        return Caller.staff(tenant, "admin", Set.of(Role.ADMIN), Set.of(), Set.of(), Set.of());
    }

    static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>(
                "sqp.feedback-submitted.v1.dlt",
                0,
                0,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
