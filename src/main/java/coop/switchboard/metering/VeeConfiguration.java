package coop.switchboard.metering;

import coop.switchboard.metering.validation.VeeSettings;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The validation thresholds: the standard ones, overridden by {@code switchboard.vee.<rate class>.high-percent},
 * {@code .low-percent}, {@code .minimum-usage} and {@code switchboard.vee.minimum-history-days}. A bad setting stops
 * the start with the key named.
 */
@Component
class VeeConfiguration {
    private static final String PREFIX = "switchboard.vee.";
    private final VeeSettings settings;

    VeeConfiguration(ConfigurableEnvironment env) {
        Map<String, String> properties = new HashMap<>();
        for (var source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> e) {
                for (String name : e.getPropertyNames()) {
                    if (name.startsWith(PREFIX)) {
                        properties.putIfAbsent(name.substring(PREFIX.length()), env.getProperty(name));
                    }
                }
            }
        }
        this.settings = properties.isEmpty() ? VeeSettings.standard() : VeeSettings.fromProperties(properties);
    }

    VeeSettings settings() {
        return settings;
    }
}
