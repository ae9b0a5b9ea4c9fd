package coop.switchboard.billing.document;

import coop.switchboard.billing.BillView;
import coop.switchboard.shared.ScanLine;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.metering.UsageHistory;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gathers what a bill document shows (the account and member, the premises, 13 months of usage per metered service,
 * the messages) and words it in the account's language as a {@link BillDocument}.
 */
@Component
class BillContent {
    private final MemberService members;
    private final PremiseService premises;
    private final UsageHistory usage;
    private final TariffService tariffs;
    private final BillMessages messages;
    private final BillTemplates templates;
    private final Utility utility;

    /** The utility's name and addresses from {@code switchboard.utility.*}. */
    record Utility(String name, String address, String phone, String website, String remitTo) {
    }

    BillContent(MemberService members, PremiseService premises, UsageHistory usage, TariffService tariffs, BillMessages messages,
                BillTemplates templates, @Value("${switchboard.utility.name}") String name,
                @Value("${switchboard.utility.address:}") String address, @Value("${switchboard.utility.phone:}") String phone,
                @Value("${switchboard.utility.website:}") String website, @Value("${switchboard.utility.remit-to:}") String remitTo) {
        this.members = members;
        this.premises = premises;
        this.usage = usage;
        this.tariffs = tariffs;
        this.messages = messages;
        this.templates = templates;
        this.utility = new Utility(name, address, phone, website, remitTo.isBlank() ? name + ", " + address : remitTo);
    }

    Utility utility() {
        return utility;
    }

    /** The account and member a bill goes to. */
    record Addressee(AccountView account, MemberView member) {
        MemberView.Language language() {
            return member.preferredLanguage() == null ? MemberView.Language.EN : member.preferredLanguage();
        }
    }

    Addressee addressee(BillView bill) {
        AccountView account = members.account(bill.accountId());
        return new Addressee(account, members.member(account.memberId()));
    }

    BillDocument document(BillView bill) {
        return document(bill, addressee(bill));
    }

    BillDocument document(BillView bill, Addressee to) {
        BillText text = templates.text(to.language());
        ChargeWording wording = ChargeWording.of(to.language());
        List<Long> points = bill.segments().stream().map(BillView.Segment::servicePointId).distinct().toList();
        Map<Long, String> addressOfPoint = new HashMap<>();
        for (PremiseView p : premises.premisesOfServicePoints(points)) {
            p.servicePoints().forEach(sp -> addressOfPoint.put(sp.id(), p.address()));
        }
        YearMonth billMonth = YearMonth.from(bill.periodTo());
        List<Long> metered = bill.segments().stream().filter(s -> s.meterNumber() != null).map(BillView.Segment::servicePointId).distinct().toList();
        Map<Long, List<UsageHistory.MonthUsage>> history = metered.isEmpty() ? Map.of()
                : usage.byServicePoint(metered, billMonth.minusMonths(12), billMonth);
        Map<String, String> scheduleNames = tariffs.schedules(bill.billDate()).stream()
                .collect(Collectors.toMap(TariffSummary::code, TariffSummary::name, (a, b) -> a));

        List<BillDocument.Service> services = new ArrayList<>();
        for (BillView.Segment s : bill.segments()) {
            services.add(service(s, text, wording, addressOfPoint.get(s.servicePointId()), scheduleNames.get(s.rateSchedule()),
                    history.get(s.servicePointId()), billMonth));
        }
        String account = to.account().accountNumber();
        Money due = bill.totalDue();
        BillDocument.Utility u = new BillDocument.Utility(utility.name(), utility.address(), utility.phone(), utility.website(),
                addressLines(utility.remitTo()));
        BillDocument.Summary summary = new BillDocument.Summary(text.money(bill.previousBalance()), text.money(bill.payments()),
                text.money(bill.adjustments()), text.money(bill.currentCharges()), text.money(due));
        String firstAddress = services.stream().map(BillDocument.Service::address).filter(a -> a != null && !a.isBlank()).findFirst().orElse("");
        return new BillDocument(text.msg("document.lang"), text.msg("document.title", account), u, account, to.member().displayName(),
                mailingLines(to.member()), firstAddress, text.date(bill.billDate()),
                text.msg("bill.periodRange", text.shortDate(bill.periodFrom()), text.shortDate(bill.periodTo())),
                text.msg("bill.days", bill.periodTo().toEpochDay() - bill.periodFrom().toEpochDay()), text.date(bill.dueDate()),
                text.money(due.signum() < 0 ? due.negate() : due), due.signum() < 0, summary, List.copyOf(services),
                messages(bill, to, text), ScanLine.of(account, due));
    }

    private BillDocument.Service service(BillView.Segment s, BillText text, ChargeWording wording, String address, String scheduleName,
                                         List<UsageHistory.MonthUsage> months, YearMonth billMonth) {
        String serviceKey = switch (s.service()) {
            case "ELECTRIC", "WATER", "FIBER" -> s.service();
            default -> "OTHER";
        };
        String rate = scheduleName == null ? s.rateSchedule() : scheduleName + " (" + s.rateSchedule() + ")";
        String unit = unit(s.usageUnit(), text);
        BillDocument.Meter meter = null;
        if (s.meterNumber() != null) {
            String used = s.usage() == null ? "" : text.number(s.usage()) + " " + unit;
            String daily = s.usage() == null || s.days() <= 0 ? ""
                    : text.number(s.usage().divide(BigDecimal.valueOf(s.days()), 1, RoundingMode.HALF_UP)) + " " + unit;
            meter = new BillDocument.Meter(s.meterNumber(), text.number(s.previousReading()), text.number(s.presentReading()), used,
                    s.estimated(), s.maximumKw() == null ? "" : text.number(s.maximumKw()) + " kW",
                    s.billingKw() == null ? "" : text.number(s.billingKw()) + " kW", daily);
        }
        List<BillDocument.Charge> charges = new ArrayList<>();
        for (BillView.Line l : s.lines()) {
            charges.add(charge(l, text, wording));
        }
        UsageGraph graph = months == null ? null : UsageGraph.of(months, billMonth, s.meterNumber(), unit, text);
        return new BillDocument.Service(text.msg("service." + serviceKey), rate, address,
                text.msg("bill.periodRange", text.shortDate(s.from()), text.shortDate(s.to())), text.msg("bill.days", s.days()), meter,
                List.copyOf(charges), text.money(s.charges()), graph);
    }

    /** A line as printed: a percent-of-charges line shows the base amount and the percent, the others quantity × unit price. */
    private static BillDocument.Charge charge(BillView.Line l, BillText text, ChargeWording wording) {
        String quantity = "";
        String rate = "";
        if ("$".equals(l.unit())) {
            quantity = l.quantity() == null ? "" : text.money(Money.rounded(l.quantity()));
            rate = text.percent(l.unitPrice());
        } else {
            if (l.quantity() != null) {
                quantity = text.number(l.quantity()) + (l.unit() == null ? "" : " " + unit(l.unit(), text));
            }
            if (l.unitPrice() != null) {
                rate = text.unitPrice(l.unitPrice());
            }
        }
        return new BillDocument.Charge(wording.translate(l.description()), quantity, rate, text.money(l.amount()));
    }

    /** A unit in the bill's language where the bundle knows it ({@code unit.days}), else as the tariff wrote it. */
    private static String unit(String unit, BillText text) {
        if (unit == null || unit.isBlank()) {
            return "";
        }
        try {
            return text.msg("unit." + unit);
        } catch (org.springframework.context.NoSuchMessageException e) {
            return unit;
        }
    }

    private List<BillDocument.Message> messages(BillView bill, Addressee to, BillText text) {
        List<BillDocument.Message> list = new ArrayList<>();
        Money unpaid = bill.previousBalance().plus(bill.payments());
        LocalDate previousDue = unpaid.signum() > 0 ? messages.previousDueDate(bill) : null;
        if (previousDue != null && previousDue.isBefore(bill.billDate())) {
            list.add(new BillDocument.Message(text.msg("message.pastDue", text.money(unpaid)), true));
        }
        if (bill.segments().stream().anyMatch(BillView.Segment::estimated)) {
            list.add(new BillDocument.Message(text.msg("message.estimated"), false));
        }
        if (bill.totalDue().signum() < 0) {
            list.add(new BillDocument.Message(text.msg("message.credit", text.money(bill.totalDue().negate())), false));
        }
        messages.general(bill, to.language(), BillMessages.MAX - list.size()).forEach(m -> list.add(new BillDocument.Message(m, false)));
        return List.copyOf(list);
    }

    static List<String> mailingLines(MemberView member) {
        List<String> lines = new ArrayList<>();
        MemberView.Address a = member.mailingAddress();
        if (a != null) {
            if (a.line1() != null && !a.line1().isBlank()) {
                lines.add(a.line1());
            }
            if (a.line2() != null && !a.line2().isBlank()) {
                lines.add(a.line2());
            }
            lines.add(cityLine(a));
        }
        return List.copyOf(lines);
    }

    static String cityLine(MemberView.Address a) {
        return (a.city() == null ? "" : a.city() + ", ") + (a.state() == null ? "" : a.state().toUpperCase(Locale.ROOT))
                + (a.zip() == null ? "" : "  " + a.zip());
    }

    /** "Name, PO Box 1, Town, ST 99999" as lines: the name and street parts apart, the town with its state and zip. */
    static List<String> addressLines(String oneLine) {
        List<String> parts = new ArrayList<>();
        for (String p : oneLine.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        if (parts.size() >= 3) {
            String town = parts.get(parts.size() - 2) + ", " + parts.getLast();
            parts = new ArrayList<>(parts.subList(0, parts.size() - 2));
            parts.add(town);
        }
        return List.copyOf(parts);
    }
}
