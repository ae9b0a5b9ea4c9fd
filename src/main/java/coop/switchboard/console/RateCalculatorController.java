package coop.switchboard.console;

import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.BillLine;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.QuoteRequest;
import coop.switchboard.rates.RatedBill;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rate calculator CSRs use to answer rate questions: choose a schedule and dates, enter the usage the schedule
 * needs, and see every line of the bill with its quantity, unit price and amount.
 */
@Controller
class RateCalculatorController {
    /** Calculator fields as the form labels them, for the error summary. */
    private static final Map<String, String> CALC_LABELS = Map.ofEntries(Map.entry("schedule", "Rate schedule"),
            Map.entry("from", "From"), Map.entry("to", "To (next read date)"), Map.entry("kWh", "kWh"), Map.entry("kW", "kW"),
            Map.entry("kvarh", "kvarh"), Map.entry("gallons", "Gallons"), Map.entry("ccf", "ccf"),
            Map.entry("kwhByPeriod", "kWh by period"), Map.entry("kwByPeriod", "kW by period"), Map.entry("meterSize", "Meter size"),
            Map.entry("fixtures", "Fixtures"), Map.entry("usage", "Usage"));

    private final TariffService tariffs;
    private final Clock clock;

    RateCalculatorController(TariffService tariffs, Clock clock) {
        this.tariffs = tariffs;
        this.clock = clock;
    }

    // ---- calculator -------------------------------------------------------------------------------------------------

    @GetMapping("/rates/calculator")
    String calculator(@RequestParam MultiValueMap<String, String> params,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        boolean rate = params.containsKey("rate");
        prepareCalculator(params, rate, model);
        return htmx != null ? "rates/calculator :: calc" : "rates/calculator";
    }

    /** The calculator's inputs for another schedule (htmx, when the schedule changes): what was typed is kept, nothing is rated. */
    @GetMapping("/rates/calculator/inputs")
    String calculatorInputs(@RequestParam MultiValueMap<String, String> params,
                            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        prepareCalculator(params, false, model);
        return htmx != null ? "rates/calculator :: calc" : "rates/calculator";
    }

    private void prepareCalculator(MultiValueMap<String, String> params, boolean rate, Model model) {
        LocalDate today = LocalDate.now(clock);
        Map<String, String> form = new LinkedHashMap<>();
        params.forEach((k, v) -> form.put(k, v.isEmpty() || v.getFirst() == null ? "" : v.getFirst().trim()));
        if (!params.containsKey("from") && !params.containsKey("to")) {
            form.put("from", YearMonth.from(today).atDay(1).toString());
            form.put("to", YearMonth.from(today).plusMonths(1).atDay(1).toString());
        }
        Set<String> exemptions = new LinkedHashSet<>(params.getOrDefault("exemptions", List.of()));
        List<TariffSummary> schedules = tariffs.schedules(today);
        String code = form.getOrDefault("schedule", "");
        Tariff tariff = code.isEmpty() ? null : tariffs.find(code).orElse(null);

        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(form, "from", errors);
        LocalDate to = date(form, "to", errors);
        Inputs inputs = inputs(tariff, from == null ? today : from, to);
        Integer days = from != null && to != null && to.isAfter(from) ? (int) ChronoUnit.DAYS.between(from, to) : null;

        ResultView result = null;
        if (rate) {
            BigDecimal kwh = number(form, "kWh", errors);
            BigDecimal kw = number(form, "kW", errors);
            BigDecimal kvarh = number(form, "kvarh", errors);
            BigDecimal gallons = number(form, "gallons", errors);
            BigDecimal ccf = number(form, "ccf", errors);
            Map<String, BigDecimal> kwhByPeriod = new LinkedHashMap<>();
            for (String period : inputs.kwhPeriods()) {
                BigDecimal v = number(form, "kwhByPeriod." + period, errors);
                if (v != null) {
                    kwhByPeriod.put(period, v);
                }
            }
            Map<String, BigDecimal> kwByPeriod = new LinkedHashMap<>();
            for (String period : inputs.kwPeriods()) {
                BigDecimal v = number(form, "kwByPeriod." + period, errors);
                if (v != null) {
                    kwByPeriod.put(period, v);
                }
            }
            Map<String, Integer> fixtures = new LinkedHashMap<>();
            for (String type : inputs.fixtures()) {
                String v = form.getOrDefault("fixtures." + type, "");
                if (!v.isEmpty()) {
                    try {
                        fixtures.put(type, Integer.parseInt(v.replace(",", "")));
                    } catch (NumberFormatException e) {
                        errors.put("fixtures." + type, "must be a whole number");
                    }
                }
            }
            // A time-of-use meter's registers add up to the total the riders and taxes need.
            if (kwh == null && !kwhByPeriod.isEmpty() && !errors.containsKey("kWh")) {
                kwh = kwhByPeriod.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                form.put("kWhFromPeriods", kwh.stripTrailingZeros().toPlainString());
            }
            if (errors.isEmpty()) {
                try {
                    RatedBill bill = tariffs.quote(new QuoteRequest(code, from, to, kwh, kw, kvarh, gallons, ccf, kwhByPeriod, kwByPeriod,
                            List.copyOf(exemptions), form.getOrDefault("meterSize", ""), fixtures.isEmpty() ? null : fixtures));
                    result = result(bill);
                } catch (InvalidInputException e) {
                    errors.putAll(e.byField());
                }
            }
        }
        model.addAttribute("schedules", schedules);
        model.addAttribute("tariff", tariff);
        model.addAttribute("form", form);
        model.addAttribute("exemptions", exemptions);
        model.addAttribute("inputs", inputs);
        model.addAttribute("days", days);
        model.addAttribute("errors", errors);
        model.addAttribute("errorLinks", errorLinks(errors, inputs));
        model.addAttribute("result", result);
        model.addAttribute("rated", rate);
    }

    private static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.getOrDefault(field, "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    private static BigDecimal number(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.getOrDefault(field, "").replace(",", "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            errors.put(field, "must be a number, not '" + v + "'");
            return null;
        }
    }

    /** An input of the calculator named by index (ids must not hold the spaces period and fixture names may have). */
    record NamedInput(String name, String id) {
    }

    /** Which inputs a schedule needs, from the versions that apply to the period. */
    record Inputs(boolean kwh, boolean kw, boolean kvarh, boolean gallons, boolean ccf, List<String> kwhPeriods,
                  List<String> kwPeriods, List<NamedInput> kwhPeriodInputs, List<NamedInput> kwPeriodInputs,
                  Map<String, String> exemptions, List<String> meterSizes, List<String> fixtures,
                  List<NamedInput> fixtureInputs, String versionNote) {
        public boolean anyUsage() {
            return kwh || kw || kvarh || gallons || ccf || !kwhPeriods.isEmpty() || !kwPeriods.isEmpty();
        }
    }

    private Inputs inputs(Tariff tariff, LocalDate from, LocalDate to) {
        if (tariff == null) {
            return new Inputs(true, true, true, true, false, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
                    List.of(), List.of(), null);
        }
        List<TariffVersion> applying = new ArrayList<>();
        TariffVersion first = tariff.versionOn(from);
        if (first != null) {
            applying.add(first);
        }
        for (TariffVersion v : tariff.versions()) {
            if (v.effective().isAfter(from) && (to == null || v.effective().isBefore(to))) {
                applying.add(v);
            }
        }
        if (applying.isEmpty() && !tariff.versions().isEmpty()) {
            applying.add(tariff.versions().getFirst());
        }
        boolean kwh = false, kw = false, kvarh = false, gallons = false, ccf = false;
        Set<String> kwhPeriods = new LinkedHashSet<>();
        Set<String> kwPeriods = new LinkedHashSet<>();
        Map<String, String> exemptions = new LinkedHashMap<>();
        Set<String> sizes = new LinkedHashSet<>();
        Set<String> fixtures = new TreeSet<>();
        for (TariffVersion v : applying) {
            for (Component c : v.components()) {
                switch (c) {
                    case UsageCharge u -> {
                        Measure m = u.measure();
                        kwh |= m == Measure.KWH;
                        kvarh |= m == Measure.KVARH;
                        gallons |= m == Measure.GALLONS;
                        ccf |= m == Measure.CCF;
                        kw |= u.basis() == BlockBasis.PER_KW;
                        if (m == Measure.KWH && !u.schedule().seasonalOnly()) {
                            u.periods().forEach(p -> kwhPeriods.add(p.name()));
                        }
                    }
                    case DemandCharge d -> {
                        if (d.timeOfUse()) {
                            d.periods().forEach(p -> kwPeriods.add(p.name()));
                        } else {
                            kw = true;
                        }
                        if (d.powerFactorTarget() != null) {
                            kwh = true;
                            kvarh = true;
                        }
                    }
                    case Rider r -> {
                        if (!r.isPercent()) {
                            Measure m = r.measure();
                            kwh |= m == Measure.KWH;
                            kvarh |= m == Measure.KVARH;
                            gallons |= m == Measure.GALLONS;
                            ccf |= m == Measure.CCF;
                        }
                    }
                    case Tax t -> exemptions.putIfAbsent(t.exemption(), t.description());
                    case FixedCharge f -> sizes.addAll(f.bySize().keySet());
                    case UnmeteredCharge u -> fixtures.addAll(u.perFixture().keySet());
                    case MinimumCharge ignored -> {
                    }
                }
            }
        }
        List<String> sortedSizes = new ArrayList<>(sizes);
        sortedSizes.sort(Comparator.comparing(TariffPages::sizeValue).thenComparing(Comparator.naturalOrder()));
        List<String> kwhList = List.copyOf(kwhPeriods);
        List<String> kwList = List.copyOf(kwPeriods);
        List<String> fixtureList = List.copyOf(fixtures);
        String note = applying.isEmpty() ? "This schedule has no versions." : "Inputs for the version"
                + (applying.size() == 1 ? " effective " + TariffPages.longDate(applying.getFirst().effective())
                : "s effective " + String.join(" and ", applying.stream().map(v -> TariffPages.longDate(v.effective())).toList())) + ".";
        return new Inputs(kwh, kw, kvarh, gallons, ccf, kwhList, kwList, named(kwhList, "kwhp"), named(kwList, "kwp"), exemptions,
                sortedSizes, fixtureList, named(fixtureList, "fx"), note);
    }

    private static List<NamedInput> named(List<String> names, String prefix) {
        List<NamedInput> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            list.add(new NamedInput(names.get(i), prefix + "-" + i));
        }
        return list;
    }

    /** A meter size such as 5/8, 3/4, 1, 1-1/2 or 2 as inches, to list sizes smallest first. */
    record ErrorLink(String href, String text) {
    }

    private static List<ErrorLink> errorLinks(Map<String, String> errors, Inputs inputs) {
        List<ErrorLink> links = new ArrayList<>();
        errors.forEach((field, message) -> {
            String href = switch (field) {
                case "schedule", "from", "to", "kWh", "kW", "kvarh", "gallons", "ccf", "meterSize" -> field;
                case "kwhByPeriod" -> inputs.kwhPeriodInputs().isEmpty() ? "kWh" : inputs.kwhPeriodInputs().getFirst().id();
                case "kwByPeriod" -> inputs.kwPeriodInputs().isEmpty() ? "kW" : inputs.kwPeriodInputs().getFirst().id();
                case "fixtures" -> inputs.fixtureInputs().isEmpty() ? "schedule" : inputs.fixtureInputs().getFirst().id();
                default -> idFor(field, inputs);
            };
            String label = CALC_LABELS.get(field);
            if (label == null) {
                int dot = field.indexOf('.');
                label = dot < 0 ? field : CALC_LABELS.getOrDefault(field.substring(0, dot), field.substring(0, dot)) + ", " + field.substring(dot + 1);
            }
            links.add(new ErrorLink("#" + href, label + ": " + message));
        });
        return links;
    }

    private static String idFor(String field, Inputs inputs) {
        for (NamedInput n : inputs.kwhPeriodInputs()) {
            if (field.equals("kwhByPeriod." + n.name())) {
                return n.id();
            }
        }
        for (NamedInput n : inputs.kwPeriodInputs()) {
            if (field.equals("kwByPeriod." + n.name())) {
                return n.id();
            }
        }
        for (NamedInput n : inputs.fixtureInputs()) {
            if (field.equals("fixtures." + n.name())) {
                return n.id();
            }
        }
        return "schedule";
    }

    record LineView(String description, String component, String kind, String quantity, String unit, String unitPrice, String amount,
                    boolean negative) {
    }

    record ResultView(String schedule, String period, int days, List<LineView> lines, String total, List<LocalDate> versions,
                      String kwh, String maximumKw, String billingKw) {
    }

    private static ResultView result(RatedBill bill) {
        List<LineView> lines = new ArrayList<>();
        for (BillLine l : bill.lines()) {
            boolean percent = "$".equals(l.unit());
            lines.add(new LineView(l.description(), l.component(), l.kind(),
                    percent ? TariffPages.Formats.money(new Money(l.quantity().value().setScale(2, java.math.RoundingMode.HALF_UP))) : TariffPages.Formats.number(l.quantity().value()),
                    percent ? "" : l.unit(),
                    percent ? TariffPages.Formats.number(l.unitPrice().value().movePointRight(2)) + "%" : TariffPages.Formats.price(l.unitPrice()),
                    TariffPages.Formats.money(l.amount()), l.amount().signum() < 0));
        }
        return new ResultView(bill.tariff(), TariffPages.shortDate(bill.period().from()) + " to " + TariffPages.shortDate(bill.period().lastDay()),
                bill.period().days(), lines, TariffPages.Formats.money(bill.total()), bill.versions(),
                bill.kwh() == null || bill.kwh().isZero() ? null : TariffPages.Formats.number(bill.kwh().value()),
                bill.maximumKw() == null ? null : TariffPages.Formats.number(bill.maximumKw().value()),
                bill.billingKw() == null ? null : TariffPages.Formats.number(bill.billingKw().value()));
    }
}
