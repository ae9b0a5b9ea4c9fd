package coop.switchboard.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The one clock every module reads time from (tests replace it to move through months), and scheduling for the
 * modules' daily jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

    @Bean
    Clock clock(@Value("${switchboard.zone:America/Los_Angeles}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
