package io.servicequality.reporting.config;

import io.servicequality.reporting.alerthandling.AlertHandlingProperties;
import io.servicequality.reporting.bucket.ReadModelProperties;
import io.servicequality.reporting.dashboard.ConsoleProperties;
import io.servicequality.reporting.live.LiveProperties;
import io.servicequality.reporting.periodicreport.ReportDeliveryProperties;
import io.servicequality.reporting.risk.RiskProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.staff.StaffProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    ScorecardProperties.class,
    LiveProperties.class,
    ReadModelProperties.class,
    ConsoleProperties.class,
    RiskProperties.class,
    AlertHandlingProperties.class,
    StaffProperties.class,
    ReportDeliveryProperties.class
})
class PropertiesConfig {}
