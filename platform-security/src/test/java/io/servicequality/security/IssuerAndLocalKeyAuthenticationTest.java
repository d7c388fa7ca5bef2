package io.servicequality.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A service configured with an OIDC issuer and the local key at once (what {@code ./platform up} does): staff signed
 * in at the issuer and {@code ./platform token}'s tokens both reach the endpoint as callers; a token of any other
 * issuer is the usual 401, which names no issuer.
 */
@SpringBootTest(
        properties = {
            "sqp.security.known-tenants=acme-bank",
            "sqp.security.topics.api-keys=false",
            "sqp.security.topics.branch-directory=false",
            "management.health.defaults.enabled=false"
        })
@AutoConfigureMockMvc
class IssuerAndLocalKeyAuthenticationTest {

    static final TestIssuer ISSUER = TestIssuer.start();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void bothKeySources(DynamicPropertyRegistry registry) {
        registry.add(PlatformSecurityAutoConfiguration.ISSUER_URI, ISSUER::uri);
        registry.add(
                "sqp.security.jwt.public-key-location",
                () -> "file:" + AuthenticationTest.KEYS.resolve(LocalTokens.PUBLIC_KEY));
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    ResultActions whoami(String token) throws Exception {
        return mvc.perform(get("/api/v1/whoami").header("Authorization", "Bearer " + token));
    }

    @Test
    void aLocallySignedTokenIsAccepted() throws Exception {
        whoami(AuthenticationTest.token(Claims.of("acme-bank", "alice", List.of("QUALITY_MANAGER"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("alice"))
                .andExpect(jsonPath("$.tenantId").value("acme-bank"));
    }

    @Test
    void aTokenOfTheIssuerIsAcceptedWithItsBranchScope() throws Exception {
        whoami(ISSUER.sign(Claims.of("acme-bank", "manager.n01", List.of("BRANCH_MANAGER"))
                        .withBranches(List.of("N-01"))
                        .withIssuer(ISSUER.uri())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("manager.n01"))
                .andExpect(jsonPath("$.branchBound").value(true))
                .andExpect(jsonPath("$.branches[0]").value("N-01"));
    }

    @Test
    void aTokenOfAnyOtherIssuerIsAnUnauthenticatedProblemNamingNoIssuer() throws Exception {
        whoami(AuthenticationTest.token(
                        AuthenticationTest.KEYS,
                        Claims.of("acme-bank", "mallory", List.of("ADMIN")).withIssuer("someone-else"),
                        Instant.now()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(AuthenticationTest.PROBLEMS + "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"sqp\", error=\"invalid_token\""))
                .andExpect(content().string(not(containsString(ISSUER.uri()))))
                .andExpect(content().string(not(containsString(LocalTokens.DEFAULT_ISSUER))));
    }

    @Test
    void aTokenNamingTheIssuerButSignedWithTheLocalKeyIsRefused() throws Exception {
        whoami(AuthenticationTest.token(
                        Claims.of("acme-bank", "mallory", List.of("ADMIN")).withIssuer(ISSUER.uri())))
                .andExpect(status().isUnauthorized());
    }
}
