package io.servicequality.operations;

import io.servicequality.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which dead letters a caller may see and act on. Dead-letter topics mix tenants, so: the ADMINs of the operator tenant
 * (who run the deployment) see every record; an ADMIN of another tenant sees a record only when everything that names
 * a tenant in it — the key ({@code tenantId:branchId}) and a {@code tenantId} field of a JSON payload — names the
 * caller's tenant, and at least one does. A record attributed to no tenant (no key, a payload that is not JSON) is the
 * operator's alone.
 */
class DeadLetterVisibility {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Optional<String> operatorTenant;

    DeadLetterVisibility(String operatorTenant, List<String> knownTenants) {
        if (operatorTenant != null && !operatorTenant.isBlank()) {
            this.operatorTenant = Optional.of(operatorTenant.strip());
        } else if (knownTenants.size() == 1) {
            this.operatorTenant = Optional.of(knownTenants.get(0));
        } else {
            this.operatorTenant = Optional.empty();
        }
    }

    Optional<String> operatorTenant() {
        return operatorTenant;
    }

    boolean isOperator(Caller caller) {
        return operatorTenant.map(caller.tenantId()::equals).orElse(false);
    }

    boolean maySee(Caller caller, ConsumerRecord<byte[], byte[]> record) {
        if (isOperator(caller)) {
            return true;
        }
        Set<String> tenants = tenantsNamedBy(record);
        return tenants.size() == 1 && tenants.contains(caller.tenantId());
    }

    /** The tenants the record's key and JSON payload name (none, one, or two that disagree). */
    static Set<String> tenantsNamedBy(ConsumerRecord<byte[], byte[]> record) {
        Set<String> tenants = new LinkedHashSet<>();
        if (record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            int colon = key.indexOf(':');
            if (colon > 0) {
                tenants.add(key.substring(0, colon));
            }
        }
        if (record.value() != null) {
            try {
                JsonNode tenant = JSON.readTree(record.value()).get("tenantId");
                if (tenant != null && tenant.isString() && !tenant.asString().isBlank()) {
                    tenants.add(tenant.asString());
                }
            } catch (RuntimeException notJson) {
                // a payload that is not JSON names no tenant
            }
        }
        return tenants;
    }
}
