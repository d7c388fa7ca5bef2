package io.servicequality.devauth;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says loudly, once the server is up, that it is for local development only, and who can sign in. */
@Component
class DevelopmentOnlyWarning implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentOnlyWarning.class);

    private final DevAuthProperties properties;

    DevelopmentOnlyWarning(DevAuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String users = DemoUsers.ALL.stream()
                .map(user -> "%s (%s%s%s)"
                        .formatted(
                                user.username(),
                                String.join(",", user.roles()),
                                user.branches().isEmpty() ? "" : ", branches " + String.join(",", user.branches()),
                                user.regions().isEmpty() ? "" : ", regions " + String.join(",", user.regions())))
                .collect(Collectors.joining("; "));
        log.warn(
                """

                ****************************************************************************************************
                * DEVELOPMENT AUTHORIZATION SERVER: FOR LOCAL USE ONLY. NEVER DEPLOY IT.                           *
                * Every demo user's password is '{}'; the client secret and the signing key are not protected.   *
                ****************************************************************************************************
                issuer {}; tenant {}; signing key in {}
                demo users: {}""",
                DemoUsers.PASSWORD,
                properties.issuer().isBlank() ? "(from each request's host)" : properties.issuer(),
                properties.tenant(),
                properties.dataDir().toAbsolutePath().resolve(SigningKey.FILE),
                users);
    }
}
