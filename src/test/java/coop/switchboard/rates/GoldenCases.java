package coop.switchboard.rates;

import coop.switchboard.rates.file.TariffYaml;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the golden rating cases in {@code src/test/resources/rates/golden}: a tariff (from the demo file or inline),
 * a period, usage, the account, and the lines a rate analyst expects.
 */
final class GoldenCases {
    static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record Expected(String description, String quantity, String unit, String unitPrice, String amount) {
    }

    record Case(String file, String name, PreparedTariff tariff, ServicePeriod period, Usage usage, AccountAttributes account,
                RatingHistory history, List<Expected> lines, String total) {
        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    static Map<String, Tariff> demoTariffs() {
        Map<String, Tariff> byCode = new HashMap<>();
        for (Tariff t : TariffYaml.read(resource("/tariffs/demo-tariffs.yaml"))) {
            byCode.put(t.code(), t);
        }
        return byCode;
    }

    static String resource(String path) {
        try (var in = GoldenCases.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case read(String file) {
        JsonNode n = YAML.readTree(resource("/rates/golden/" + file));
        Tariff tariff;
        JsonNode t = n.get("tariff");
        if (t.isString()) {
            tariff = demoTariffs().get(t.asString().replace("demo:", ""));
        } else {
            tariff = TariffYaml.read(YAML.writeValueAsString(t)).getFirst();
        }
        ServicePeriod period = new ServicePeriod(LocalDate.parse(n.get("period").get("from").asString()),
                LocalDate.parse(n.get("period").get("to").asString()));
        JsonNode u = n.get("usage");
        Map<Measure, Quantity> totals = new EnumMap<>(Measure.class);
        Map<String, Quantity> kwhByPeriod = new HashMap<>();
        Map<String, Quantity> kwByPeriod = new HashMap<>();
        IntervalData intervals = null;
        for (var e : u.properties()) {
            switch (e.getKey()) {
                case "kwhByPeriod" -> e.getValue().properties().forEach(p -> kwhByPeriod.put(p.getKey(), new Quantity(p.getValue().decimalValue())));
                case "kwByPeriod" -> e.getValue().properties().forEach(p -> kwByPeriod.put(p.getKey(), new Quantity(p.getValue().decimalValue())));
                case "hourly" -> {
                    // {start: ..., kwh: [..]} or {start, days, pattern: [24 values]} repeated each day
                    JsonNode h = e.getValue();
                    List<Long> values = new ArrayList<>();
                    if (h.has("pattern")) {
                        int days = h.get("days").asInt();
                        for (int d = 0; d < days; d++) {
                            for (JsonNode v : h.get("pattern")) {
                                values.add(v.decimalValue().movePointRight(4).longValueExact());
                            }
                        }
                    } else {
                        for (JsonNode v : h.get("kwh")) {
                            values.add(v.decimalValue().movePointRight(4).longValueExact());
                        }
                    }
                    intervals = new IntervalData(LocalDateTime.parse(h.get("start").asString()), 60,
                            values.stream().mapToLong(Long::longValue).toArray());
                }
                default -> totals.put(Measure.parse(e.getKey()), new Quantity(e.getValue().decimalValue()));
            }
        }
        AccountAttributes account = AccountAttributes.NONE;
        if (n.has("account")) {
            JsonNode a = n.get("account");
            Set<String> exemptions = new HashSet<>();
            if (a.has("exemptions")) {
                a.get("exemptions").forEach(x -> exemptions.add(x.asString()));
            }
            Map<String, Integer> fixtures = new HashMap<>();
            if (a.has("fixtures")) {
                a.get("fixtures").properties().forEach(x -> fixtures.put(x.getKey(), x.getValue().asInt()));
            }
            account = new AccountAttributes(exemptions, a.has("meterSize") ? a.get("meterSize").asString() : null, fixtures);
        }
        RatingHistory history = RatingHistory.NONE;
        if (n.has("history")) {
            JsonNode h = n.get("history");
            Map<YearMonth, Quantity> demand = new HashMap<>();
            if (h.has("demand")) {
                h.get("demand").properties().forEach(x -> demand.put(YearMonth.parse(x.getKey()), new Quantity(x.getValue().decimalValue())));
            }
            history = new RatingHistory(demand, h.has("chargesBefore") ? Money.of(h.get("chargesBefore").asString()) : Money.ZERO);
        }
        List<Expected> lines = new ArrayList<>();
        for (JsonNode l : n.get("lines")) {
            lines.add(new Expected(l.get(0).asString(), dec(l.get(1)), l.get(2).asString(), dec(l.get(3)), dec(l.get(4))));
        }
        return new Case(file, n.get("case").asString(), PreparedTariff.of(tariff), period,
                new Usage(totals, kwhByPeriod, kwByPeriod, intervals), account, history, lines, dec(n.get("total")));
    }

    private static String dec(JsonNode v) {
        BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString());
        return d.stripTrailingZeros().toPlainString();
    }
}
