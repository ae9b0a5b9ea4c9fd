package coop.switchboard.console;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats instants in the utility's time zone for templates ({@code ${@fmt.when(x)}}). */
@Component("fmt")
class ConsoleFormat {
    private final DateTimeFormatter when;

    ConsoleFormat(Clock clock) {
        this.when = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm a", Locale.US).withZone(clock.getZone());
    }

    public String when(Instant instant) {
        return instant == null ? "" : when.format(instant);
    }
}
