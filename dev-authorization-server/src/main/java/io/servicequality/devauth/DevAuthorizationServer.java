package io.servicequality.devauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** FOR LOCAL DEVELOPMENT ONLY: an OpenID Connect provider with well-known demo passwords. */
@SpringBootApplication
@EnableConfigurationProperties(DevAuthProperties.class)
public class DevAuthorizationServer {

    public static void main(String[] args) {
        SpringApplication.run(DevAuthorizationServer.class, args);
    }
}
