package io.servicequality.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The staff console: the browser console and the backend-for-frontend that signs staff in and relays their calls. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StaffConsole {

    public static void main(String[] args) {
        SpringApplication.run(StaffConsole.class, args);
    }
}
