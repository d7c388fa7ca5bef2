package io.servicequality.scoring.statequery;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers a read from the state of the instance that holds it: locally when that is this instance, otherwise by
 * sending the same request (path, query, the caller's credential) to the owner and returning its answer. The owner
 * checks access itself as for any request. A forwarded request is marked ({@value #FORWARDED_HEADER}) and never
 * forwarded again, so two instances that disagree during a rebalance answer 503 instead of bouncing it. An owner that
 * does not answer within {@code sqp.scoring.state-query-timeout} (2 s) is 503 as well.
 */
@Component
public class StateForwarding {

    public static final String FORWARDED_HEADER = "Sqp-Forwarded-From";

    private final StateOwners owners;
    private final RestClient client;
    private final String self;

    StateForwarding(StateOwners owners, @Value("${sqp.scoring.state-query-timeout:2s}") Duration timeout) {
        this.owners = owners;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(requests).build();
        this.self = owners.selfAddress();
    }

    /**
     * @param store the state store holding the answer
     * @param partitionKey the key the store's input is partitioned by
     * @param request the request being answered
     * @param answerType the answer's type, read from the owner's JSON
     * @param local the answer from this instance's state
     */
    public <T> T answer(
            String store,
            String partitionKey,
            HttpServletRequest request,
            ParameterizedTypeReference<T> answerType,
            Supplier<T> local) {
        Optional<URI> owner = owners.remoteOwnerOf(store, partitionKey);
        if (owner.isEmpty()) {
            return local.get();
        }
        if (request.getHeader(FORWARDED_HEADER) != null) {
            throw new InvalidStateStoreException("forwarded here by " + request.getHeader(FORWARDED_HEADER)
                    + ", but the state is held by " + owner.get());
        }
        URI target = UriComponentsBuilder.fromUri(owner.get())
                .path(request.getRequestURI())
                .query(request.getQueryString())
                .build(true)
                .toUri();
        try {
            return client.get()
                    .uri(target)
                    .headers(headers -> {
                        String credential = request.getHeader(HttpHeaders.AUTHORIZATION);
                        if (credential != null) {
                            headers.set(HttpHeaders.AUTHORIZATION, credential);
                        }
                        headers.set(FORWARDED_HEADER, self);
                    })
                    .retrieve()
                    .body(answerType);
        } catch (RestClientException unanswered) {
            throw new InvalidStateStoreException(
                    "the instance holding the state (" + owner.get() + ") did not answer: " + unanswered);
        }
    }
}
