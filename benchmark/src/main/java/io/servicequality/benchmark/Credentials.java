package io.servicequality.benchmark;

import java.net.http.HttpRequest;

/** The caller's credential for the local stack: {@code SQP_TOKEN}, when set, is sent as the bearer token. */
final class Credentials {

    private static final String TOKEN = System.getenv("SQP_TOKEN");

    private Credentials() {}

    static HttpRequest.Builder authorise(HttpRequest.Builder request) {
        return TOKEN == null || TOKEN.isBlank() ? request : request.header("Authorization", "Bearer " + TOKEN);
    }
}
