package coop.switchboard.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The dates and times of reads in COPY form, made once per day of the history: AMI register reads at midnight (and
 * loaded from the head-end at 02:10), handheld reads during the reader's day (uploaded at 17:45), estimates at 06:00,
 * install and removal reads at 10:40 (entered at 16:30). Nothing is stamped later than now.
 */
final class ReadStamps {
    private final long firstDay;
    private final String[] dates;
    private final int[] midnightOffsets;
    private final int[] dayOffsets;
    private final LocalDate today;
    private final int nowMinute;

    ReadStamps(LocalDate first, int days, ZoneId zone, Instant now) {
        this.firstDay = first.toEpochDay();
        this.dates = new String[days];
        this.midnightOffsets = new int[days];
        this.dayOffsets = new int[days];
        for (int i = 0; i < days; i++) {
            LocalDate d = first.plusDays(i);
            dates[i] = d.toString();
            midnightOffsets[i] = zone.getRules().getOffset(d.atStartOfDay()).getTotalSeconds();
            dayOffsets[i] = zone.getRules().getOffset(d.atTime(12, 0)).getTotalSeconds();
        }
        ZonedDateTime local = now.atZone(zone);
        this.today = local.toLocalDate();
        this.nowMinute = local.getHour() * 60 + local.getMinute();
    }

    String date(LocalDate day) {
        return dates[(int) (day.toEpochDay() - firstDay)];
    }

    String date(int index) {
        return dates[index];
    }

    long midnight(LocalDate day) {
        return at(day, 0);
    }

    long handheld(LocalDate day, int minuteOfDay) {
        return at(day, minuteOfDay);
    }

    long manual(LocalDate day) {
        return at(day, 10 * 60 + 40);
    }

    long estimated(LocalDate day) {
        return at(day, 6 * 60);
    }

    /** When a read reached the system, by its source (epoch seconds). */
    long createdAt(LocalDate day, String source) {
        return switch (source) {
            case "AMI" -> at(day, 2 * 60 + 10);
            case "ESTIMATE" -> at(day, 6 * 60 + 5);
            case "MANUAL" -> at(day, 16 * 60 + 30);
            default -> at(day, 17 * 60 + 45);
        };
    }

    /** A local time of day as epoch seconds (the night's offset before 03:00, the day's after). */
    private long at(LocalDate day, int minuteOfDay) {
        int i = (int) (day.toEpochDay() - firstDay);
        int minute = day.equals(today) ? Math.min(minuteOfDay, nowMinute) : minuteOfDay;
        return day.toEpochDay() * 86_400 + minute * 60L - (minute < 3 * 60 ? midnightOffsets[i] : dayOffsets[i]);
    }
}
