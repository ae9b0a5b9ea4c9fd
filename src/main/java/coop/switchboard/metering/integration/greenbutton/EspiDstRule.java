package coop.switchboard.metering.integration.greenbutton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * ESPI LocalTimeParameters for a {@link ZoneId}: the standard offset and the daylight-saving start and end rules in
 * ESPI's bit-packed {@code DstRuleType} (month in bits 28-31, operator 25-27, day of month 20-24, day of week 17-19
 * with Monday = 1, hour 12-16, seconds 0-11). {@code FFFFFFFF} means no daylight saving. North America's rules come
 * out as the Green Button samples have them: start {@code 360E2000} (second Sunday of March, 2:00), end
 * {@code B40E2000} (first Sunday of November, 2:00).
 */
record EspiDstRule(int tzOffsetSeconds, int dstOffsetSeconds, String dstStartRule, String dstEndRule) {

    static final String NO_DST = "FFFFFFFF";

    static EspiDstRule of(ZoneId zone, Instant at) {
        ZoneRules rules = zone.getRules();
        int standard = rules.getStandardOffset(at).getTotalSeconds();
        ZoneOffsetTransitionRule start = null;
        ZoneOffsetTransitionRule end = null;
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            if (rule.getOffsetAfter().getTotalSeconds() > rule.getOffsetBefore().getTotalSeconds()) {
                start = rule;
            } else {
                end = rule;
            }
        }
        if (start == null || end == null) {
            return new EspiDstRule(standard, 0, NO_DST, NO_DST);
        }
        int year = LocalDateTime.ofInstant(at, zone).getYear();
        int saving = start.getOffsetAfter().getTotalSeconds() - start.getOffsetBefore().getTotalSeconds();
        return new EspiDstRule(standard, saving, encode(start, year), encode(end, year));
    }

    /**
     * The rule as ESPI packs it. The time is the wall-clock time just before the change (2:00 for both US changes);
     * java.time may define it in UTC or standard time (Europe: 01:00 UTC), so it is taken from the transition itself.
     */
    static String encode(ZoneOffsetTransitionRule rule, int year) {
        int dayOfMonth = 0;
        int dayOfWeek = 0;
        int operator;
        int indicator = rule.getDayOfMonthIndicator();
        LocalDateTime before = rule.createTransition(year).getDateTimeBefore();
        if (rule.getDayOfWeek() == null) {
            operator = 0; // on the day of the month
            dayOfMonth = indicator > 0 ? indicator : before.getDayOfMonth();
        } else {
            dayOfWeek = rule.getDayOfWeek().getValue();
            Month month = rule.getMonth();
            boolean lastWeek = indicator == -1 || month.minLength() == month.maxLength() && indicator == month.maxLength() - 6;
            if (lastWeek) {
                operator = 7; // last occurrence in the month (java.time writes Europe's "last Sunday" as Sunday >= 25)
            } else if (indicator > 0 && (indicator - 1) % 7 == 0 && indicator <= 29) {
                operator = 2 + (indicator - 1) / 7; // first (2) ... fifth (6) occurrence
            } else if (indicator > 0) {
                operator = 1; // on or after the day of the month
                dayOfMonth = indicator;
            } else {
                operator = 0; // "on or before the n-th last day": pin this year's date
                dayOfWeek = 0;
                dayOfMonth = before.getDayOfMonth();
            }
        }
        long bits = (long) rule.getMonth().getValue() << 28 | (long) operator << 25 | (long) dayOfMonth << 20
                | (long) dayOfWeek << 17 | (long) before.getHour() << 12 | before.getMinute() * 60L + before.getSecond();
        return String.format(Locale.ROOT, "%08X", bits);
    }
}
