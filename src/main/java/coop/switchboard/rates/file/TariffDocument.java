package coop.switchboard.rates.file;

import coop.switchboard.rates.Block;
import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.HourSchedule;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.Per;
import coop.switchboard.rates.Proration;
import coop.switchboard.rates.ProrationRules;
import coop.switchboard.rates.RatePeriod;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A tariff as the file's structure of maps and lists, in the order and shortest form people write it (a single price
 * rather than one block, seasons rather than a flat schedule); {@link TariffYaml} writes it as YAML. Part of
 * {@link TariffYaml}.
 */
final class TariffDocument {
    private TariffDocument() {
    }

    static Map<String, Object> tariffMap(Tariff t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", t.code());
        m.put("name", t.name());
        m.put("service", t.service().name().toLowerCase(Locale.ROOT));
        if (!t.rateClass().isEmpty()) {
            m.put("rateClass", t.rateClass());
        }
        if (!t.description().isEmpty()) {
            m.put("description", t.description());
        }
        m.put("versions", t.versions().stream().map(TariffDocument::versionMap).toList());
        return m;
    }

    static Map<String, Object> versionMap(TariffVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effective", v.effective() == null ? null : v.effective().toString());
        if (!v.notes().isEmpty()) {
            m.put("notes", v.notes());
        }
        if (v.holidays().nerc() || !v.holidays().dates().isEmpty()) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (v.holidays().nerc()) {
                h.put("nerc", true);
            }
            if (!v.holidays().dates().isEmpty()) {
                h.put("dates", new TreeSet<>(v.holidays().dates()).stream().map(LocalDate::toString).toList());
            }
            m.put("holidays", h);
        }
        if (!v.proration().equals(ProrationRules.STANDARD)) {
            m.put("proration", Map.of("standardDays", v.proration().standardDays(), "regularMinDays", v.proration().regularMinDays(),
                    "regularMaxDays", v.proration().regularMaxDays()));
        }
        m.put("components", v.components().stream().map(TariffDocument::componentMap).toList());
        return m;
    }

    private static Map<String, Object> componentMap(Component c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.kind());
        m.put("code", c.code());
        m.put("description", c.description());
        switch (c) {
            case FixedCharge f -> {
                if (f.bySize().isEmpty()) {
                    m.put("amount", f.per() == Per.MONTH ? f.amount().value().setScale(2, java.math.RoundingMode.HALF_UP) : plain(f.amount()));
                } else {
                    Map<String, Object> sizes = new LinkedHashMap<>();
                    f.bySize().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sizes.put(e.getKey(), e.getValue().amount()));
                    m.put("bySize", sizes);
                }
                if (f.per() != Per.MONTH) {
                    m.put("per", f.per().text());
                }
                proration(m, f.proration());
            }
            case UsageCharge u -> {
                if (u.measure() != Measure.KWH) {
                    m.put("measure", u.measure().unit().equals("gal") ? "gallons" : u.measure().unit());
                }
                if (u.basis() != BlockBasis.TOTAL) {
                    m.put("basis", u.basis().text());
                }
                proration(m, u.blockProration());
                periodsMap(m, u.periods(), u.schedule());
            }
            case DemandCharge d -> {
                if (d.timeOfUse()) {
                    m.put("timeOfUse", true);
                }
                periodsMap(m, d.periods(), d.schedule());
                if (d.ratchet() != null) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("percent", d.ratchet().percent());
                    r.put("months", d.ratchet().months());
                    if (d.ratchet().minimumKw().signum() != 0) {
                        r.put("minimumKw", d.ratchet().minimumKw());
                    }
                    if (!d.ratchet().fromMonths().isEmpty()) {
                        r.put("fromMonths", new TreeSet<>(d.ratchet().fromMonths()));
                    }
                    m.put("ratchet", r);
                }
                if (d.powerFactorTarget() != null) {
                    m.put("powerFactor", d.powerFactorTarget());
                }
                proration(m, d.proration());
            }
            case UnmeteredCharge u -> {
                Map<String, Object> prices = new LinkedHashMap<>();
                u.perFixture().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> prices.put(e.getKey(), e.getValue().amount()));
                m.put("perFixture", prices);
                proration(m, u.proration());
            }
            case MinimumCharge n -> {
                if (n.amount() != null) {
                    m.put("amount", n.amount().amount());
                    if (n.per() != Per.MONTH) {
                        m.put("per", n.per().text());
                    }
                }
                if (n.annual() != null) {
                    m.put("annual", n.annual().amount());
                    if (n.annualMonth() != 12) {
                        m.put("annualMonth", n.annualMonth());
                    }
                }
                proration(m, n.proration());
            }
            case Rider r -> {
                if (r.isPercent()) {
                    m.put("percent", r.percent());
                    if (!r.appliesTo().isEmpty()) {
                        m.put("appliesTo", r.appliesTo());
                    }
                } else {
                    if (r.measure() != Measure.KWH) {
                        m.put("measure", r.measure().unit().equals("gal") ? "gallons" : r.measure().unit());
                    }
                    if (r.price() != null) {
                        m.put("price", plain(r.price()));
                    }
                    if (!r.monthly().isEmpty()) {
                        Map<String, Object> monthly = new LinkedHashMap<>();
                        r.monthly().forEach((k, v) -> monthly.put(k.toString(), plain(v)));
                        m.put("monthly", monthly);
                    }
                }
            }
            case Tax t -> {
                m.put("percent", t.percent());
                if (!t.appliesTo().isEmpty()) {
                    m.put("appliesTo", t.appliesTo());
                }
                if (!t.exemption().equals(t.code())) {
                    m.put("exemption", t.exemption());
                }
            }
        }
        return m;
    }

    private static void proration(Map<String, Object> m, Proration p) {
        if (p != Proration.PARTIAL) {
            m.put("proration", p.text());
        }
    }

    private static BigDecimal plain(UnitPrice p) {
        BigDecimal v = p.value().stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static void periodsMap(Map<String, Object> m, List<RatePeriod> periods, HourSchedule schedule) {
        if (periods.size() == 1 && schedule.equals(HourSchedule.single())) {
            blocksMap(m, periods.getFirst().blocks());
            return;
        }
        if (schedule.seasonalOnly()) {
            List<Object> seasons = new ArrayList<>();
            for (int p = 0; p < periods.size(); p++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", periods.get(p).name());
                List<Integer> months = new ArrayList<>();
                for (int month = 1; month <= 12; month++) {
                    if (schedule.monthPeriod(month) == p) {
                        months.add(month);
                    }
                }
                s.put("months", months);
                blocksMap(s, periods.get(p).blocks());
                seasons.add(s);
            }
            m.put("seasons", seasons);
            return;
        }
        List<Object> list = new ArrayList<>();
        for (RatePeriod p : periods) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", p.name());
            blocksMap(s, p.blocks());
            list.add(s);
        }
        m.put("periods", list);
        m.put("weekday", rows(schedule, false, periods.size()));
        m.put("weekend", rows(schedule, true, periods.size()));
    }

    private static List<Object> rows(HourSchedule schedule, boolean weekend, int periods) {
        List<Object> rows = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            int[] row = weekend ? schedule.weekendRow(month) : schedule.weekdayRow(month);
            if (periods <= 10) {
                StringBuilder s = new StringBuilder();
                for (int h : row) {
                    s.append(h);
                }
                rows.add(s.toString());
            } else {
                rows.add(java.util.Arrays.stream(row).boxed().toList());
            }
        }
        return rows;
    }

    private static void blocksMap(Map<String, Object> m, List<Block> blocks) {
        if (blocks.size() == 1) {
            m.put("price", plain(blocks.getFirst().price()));
            return;
        }
        List<Object> list = new ArrayList<>();
        for (Block b : blocks) {
            Map<String, Object> bm = new LinkedHashMap<>();
            if (b.upTo() != null) {
                bm.put("upTo", b.upTo().stripTrailingZeros().scale() < 0 ? b.upTo().setScale(0) : b.upTo().stripTrailingZeros());
            }
            bm.put("price", plain(b.price()));
            list.add(bm);
        }
        m.put("blocks", list);
    }
}
