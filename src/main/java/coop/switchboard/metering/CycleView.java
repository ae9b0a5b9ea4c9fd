package coop.switchboard.metering;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A billing cycle as staff see it: how many meters and routes it has, the next read and bill dates on or after today,
 * the last month scheduled, and the rules its schedule was last generated from (null before the first).
 */
public record CycleView(int number, String name, String description, long meters, long routes, LocalDate nextReadDate,
                        LocalDate nextBillDate, YearMonth scheduledThrough, ScheduleRules rules) {
}
