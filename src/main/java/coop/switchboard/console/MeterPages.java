package coop.switchboard.console;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.AgreementView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.metering.ExceptionCounts;
import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.metering.IntervalService;
import coop.switchboard.metering.MeterRecord;
import coop.switchboard.metering.MeterService;
import coop.switchboard.metering.ReadExceptionService;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.metering.UsageHistory;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers the meter page: the meter, where it stands and who is served there, where it stood before, its usage
 * (monthly against the same month a year earlier; daily and hourly from intervals for AMI meters), its reads, and
 * what the read entry and exchange forms offer.
 */
@Component
class MeterPages {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d, yyyy", Locale.US);
    private final ReadService reads;
    private final MeterService meters;
    private final UsageHistory usage;
    private final IntervalService intervals;
    private final ReadExceptionService exceptions;
    private final PremiseService premises;
    private final AgreementService agreements;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;

    MeterPages(ReadService reads, MeterService meters, UsageHistory usage, IntervalService intervals, ReadExceptionService exceptions,
               PremiseService premises, AgreementService agreements, MemberService members, StaffPermissions permissions, Clock clock) {
        this.reads = reads;
        this.meters = meters;
        this.usage = usage;
        this.intervals = intervals;
        this.exceptions = exceptions;
        this.premises = premises;
        this.agreements = agreements;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** A span of the meter's installation history, with the premise's address and who was served there. */
    record Stand(InstalledMeterView installation, String address, Long accountId, String accountNumber, String memberName) {
    }

    /** A month in the usage table, newest first, beside the same month a year before. */
    record MonthRow(String name, BigDecimal usage, int days, boolean estimated, BigDecimal yearBefore) {
        public String usageText() {
            return usage == null ? "—" : BarChart.format(usage);
        }

        public String yearBeforeText() {
            return yearBefore == null ? "—" : BarChart.format(yearBefore);
        }

        /** "+12%", "−3%", or blank without both figures. */
        public String change() {
            if (usage == null || yearBefore == null || yearBefore.signum() <= 0) {
                return "";
            }
            long pct = usage.subtract(yearBefore).multiply(BigDecimal.valueOf(100)).divide(yearBefore, 0, java.math.RoundingMode.HALF_UP).longValue();
            return (pct > 0 ? "+" : pct < 0 ? "−" : "") + Math.abs(pct) + "%";
        }
    }

    void fill(Model model, MeterRecord meter, YearMonth month, LocalDate day, int show) {
        LocalDate today = LocalDate.now(clock);
        List<InstalledMeterView> installations = meters.installationsOf(meter.id());
        List<Stand> stands = stands(installations);
        model.addAttribute("meter", meter);
        model.addAttribute("today", today);
        model.addAttribute("stands", stands);
        model.addAttribute("current", stands.stream().filter(s -> s.installation().current()).findFirst().orElse(null));
        model.addAttribute("registers", registers(meter));
        model.addAttribute("readTypes", ReadType.values());
        model.addAttribute("sources", Arrays.stream(ReadSource.values()).filter(s -> s != ReadSource.ESTIMATE).toList());
        int shown = Math.max(10, Math.min(show, 1000));
        model.addAttribute("reads", reads.reads(meter.id(), shown));
        model.addAttribute("shown", shown);
        ExceptionCounts waiting = exceptions.counts(new ReadExceptionService.Filter(null, null, null, meter.meterNumber(), false));
        model.addAttribute("waiting", waiting);
        model.addAttribute("mayExchange", NotPermittedPage.billingOrAdmin(permissions)
                && installations.stream().anyMatch(InstalledMeterView::current));
        monthly(model, meter, YearMonth.from(today));
        LocalDate lastInterval = meter.ami() ? usage.lastIntervalDay(meter.id()).orElse(null) : null;
        model.addAttribute("hasIntervals", lastInterval != null);
        if (lastInterval != null) {
            // Opens on the latest data: the month and the day the last intervals arrived for.
            LocalDate shownDay = day != null ? day : month != null && !YearMonth.from(lastInterval).equals(month) ? month.atDay(1) : lastInterval;
            daily(model, meter, month != null ? month : YearMonth.from(shownDay), today);
            hourly(model, meter, shownDay);
        }
    }

    List<Register> registers(MeterRecord meter) {
        List<Register> list = Arrays.stream(Register.values()).filter(meter::has).toList();
        return list.isEmpty() ? List.of(Register.KWH) : list;
    }

    /** The last twelve months beside the twelve before them. */
    private void monthly(Model model, MeterRecord meter, YearMonth thisMonth) {
        YearMonth first = thisMonth.minusMonths(23);
        List<UsageHistory.MonthUsage> months = usage.forMeter(meter.id(), first, thisMonth);
        String unit = months.stream().map(UsageHistory.MonthUsage::register).filter(r -> r != null).findFirst()
                .map(Register::unit).orElse(meter.serviceType().name().equals("WATER") ? "gal" : "kWh");
        List<BarChart.Category> categories = new ArrayList<>();
        for (int i = 12; i < months.size(); i++) {
            UsageHistory.MonthUsage now = months.get(i);
            UsageHistory.MonthUsage before = months.get(i - 12);
            YearMonth m = now.month();
            categories.add(new BarChart.Category(m.getMonth().getDisplayName(TextStyle.SHORT, Locale.US), monthName(m),
                    Arrays.asList(now.usage(), before.usage()), now.estimated()));
        }
        model.addAttribute("monthlyChart", BarChart.of(720, 220, true, unit,
                List.of(thisMonth.minusMonths(11).getYear() == thisMonth.getYear() ? String.valueOf(thisMonth.getYear()) : "Last 12 months",
                        "Year before"), categories));
        List<MonthRow> rows = new ArrayList<>();
        for (int i = months.size() - 1; i >= 12; i--) {
            UsageHistory.MonthUsage now = months.get(i);
            rows.add(new MonthRow(monthName(now.month()), now.usage(), now.days(), now.estimated(), months.get(i - 12).usage()));
        }
        model.addAttribute("monthRows", rows);
        model.addAttribute("unit", unit);
    }

    /** Each day of a month from interval data; a bar links to that day's hours. */
    private void daily(Model model, MeterRecord meter, YearMonth month, LocalDate today) {
        List<IntervalService.DailyTotal> totals = intervals.dailyTotals(meter.id(), month.atDay(1), month.plusMonths(1).atDay(1));
        Map<LocalDate, IntervalService.DailyTotal> byDay = new HashMap<>();
        totals.forEach(t -> byDay.put(t.day(), t));
        List<BarChart.Category> categories = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            IntervalService.DailyTotal t = byDay.get(d);
            BigDecimal kwh = t == null ? null : BigDecimal.valueOf(t.total(), 4);
            if (kwh != null) {
                sum = sum.add(kwh);
            }
            String label = d.getDayOfMonth() == 1 || d.getDayOfMonth() % 5 == 0 ? String.valueOf(d.getDayOfMonth()) : "";
            categories.add(new BarChart.Category(label, DAY.format(d) + (t != null && !t.complete() ? " (incomplete)" : ""),
                    Arrays.asList(kwh), t != null && !t.complete(), kwh == null ? null : "?month=" + month + "&day=" + d + "#hourly"));
        }
        model.addAttribute("dailyChart", BarChart.of(720, 200, true, "kWh", List.of("kWh"), categories));
        model.addAttribute("dailyMonth", month);
        model.addAttribute("dailyMonthName", monthName(month));
        model.addAttribute("dailyTotal", sum);
        model.addAttribute("dailyDays", totals.size());
        model.addAttribute("dailyFirst", month.atDay(1));
        model.addAttribute("previousMonth", month.minusMonths(1));
        model.addAttribute("previousMonthName", monthName(month.minusMonths(1)));
        model.addAttribute("nextMonth", month.isBefore(YearMonth.from(today)) ? month.plusMonths(1) : null);
        model.addAttribute("nextMonthName", monthName(month.plusMonths(1)));
    }

    /** The 24 hours of one day. */
    private void hourly(Model model, MeterRecord meter, LocalDate day) {
        List<UsageHistory.HourUsage> hours = usage.hours(meter.id(), day);
        List<BarChart.Category> categories = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        int readings = 0;
        for (UsageHistory.HourUsage h : hours) {
            readings += h.readings();
            sum = sum.add(h.kwh());
            String hour = h.hour() == 0 ? "12a" : h.hour() < 12 ? h.hour() + "a" : h.hour() == 12 ? "12p" : (h.hour() - 12) + "p";
            categories.add(new BarChart.Category(h.hour() % 3 == 0 ? hour : "", hour + " hour",
                    Arrays.asList(h.readings() == 0 ? null : h.kwh()), !h.complete() && h.readings() > 0));
        }
        model.addAttribute("hourlyChart", BarChart.of(720, 180, true, "kWh", List.of("kWh"), categories));
        model.addAttribute("hourlyDay", day);
        model.addAttribute("hourlyDayName", DAY.format(day));
        model.addAttribute("hourlyTotal", sum);
        model.addAttribute("hourlyReadings", readings);
    }

    private List<Stand> stands(List<InstalledMeterView> installations) {
        List<Long> points = installations.stream().map(InstalledMeterView::servicePointId).distinct().toList();
        Map<Long, String> address = new HashMap<>();
        for (PremiseView p : premises.premisesOfServicePoints(points)) {
            p.servicePoints().forEach(sp -> address.put(sp.id(), p.address()));
        }
        List<AgreementView> there = agreements.atServicePoints(points);
        Map<Long, AccountView> accounts = new HashMap<>();
        members.accounts(there.stream().map(AgreementView::accountId).distinct().toList()).forEach(a -> accounts.put(a.id(), a));
        List<Stand> stands = new ArrayList<>();
        for (InstalledMeterView i : installations) {
            LocalDate asOf = i.removedOn() == null ? LocalDate.now(clock) : i.removedOn().minusDays(1);
            AgreementView served = there.stream().filter(a -> a.servicePointId() == i.servicePointId())
                    .filter(a -> !a.startDate().isAfter(asOf) && (a.endDate() == null || a.endDate().isAfter(asOf)))
                    .findFirst().orElse(null);
            AccountView account = served == null ? null : accounts.get(served.accountId());
            stands.add(new Stand(i, address.get(i.servicePointId()), account == null ? null : account.id(),
                    account == null ? null : account.accountNumber(),
                    account == null ? null : members.member(account.memberId()).displayName()));
        }
        return stands;
    }

    static String monthName(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + m.getYear();
    }
}
