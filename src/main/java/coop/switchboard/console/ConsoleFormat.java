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

    /** A usage figure as people read it (see {@link BarChart#format}); blank for none. */
    public String figure(java.math.BigDecimal value) {
        return value == null ? "" : BarChart.format(value);
    }

    /** Dollars as a bill prints them: $1,234.50, -$5.00. */
    public String money(coop.switchboard.shared.Money money) {
        if (money == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return (money.signum() < 0 ? "-$" : "$") + f.format(money.amount().abs());
    }

    /** A plain amount of dollars (an open charge's remainder) formatted like {@link #money}. */
    public String amount(java.math.BigDecimal amount) {
        return amount == null ? "" : money(new coop.switchboard.shared.Money(amount));
    }

    public String when(Instant instant) {
        return instant == null ? "" : when.format(instant);
    }
}
