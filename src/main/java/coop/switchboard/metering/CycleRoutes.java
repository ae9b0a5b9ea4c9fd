package coop.switchboard.metering;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Read routes and which meters are on which cycle and route, in walking order. Called by {@link CycleService} inside its
 * transactions; every change is audited under the cycle's number.
 */
@Component
class CycleRoutes {
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,15}");
    private static final int MAX_METERS = 20_000;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    CycleRoutes(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The routes of one cycle (or of all when {@code cycle} is null), by code. */
    List<RouteView> routes(Integer cycle) {
        return query("where cast(:cycle as int) is null or r.cycle_number = cast(:cycle as int)", "cycle", cycle);
    }

    Optional<RouteView> route(String code) {
        return query("where r.code = :code", "code", code).stream().findFirst();
    }

    private List<RouteView> query(String where, String name, Object value) {
        return jdbc.sql("""
                        select r.code, r.name, r.cycle_number,
                               (select count(*) from metering.meter m where m.cycle_number = r.cycle_number and m.route_code = r.code) as meters
                          from metering.route r
                        """ + where + " order by r.code")
                .param(name, value)
                .query((rs, n) -> new RouteView(rs.getString("code"), rs.getString("name"), rs.getInt("cycle_number"), rs.getLong("meters")))
                .list();
    }

    long metersWithoutRoute(int cycle) {
        return jdbc.sql("select count(*) from metering.meter where cycle_number = ? and route_code is null").param(cycle)
                .query(Long.class).single();
    }

    RouteView create(String code, String name, Integer cycle) {
        String c = code == null ? null : code.trim().toUpperCase(Locale.ROOT);
        InputChecks checks = new InputChecks().required("code", c);
        if (c != null && !c.isEmpty()) {
            checks.check(CODE.matcher(c).matches(), "code", "must be 1 to 16 capital letters, digits, '-' or '_' (e.g. R-12)");
            checks.check(routeRow(c).isEmpty(), "code", "route " + c + " exists already");
        }
        checkNameAndCycle(checks, name, cycle);
        checks.throwIfAny();
        lockCycle(cycle);
        jdbc.sql("insert into metering.route (code, name, cycle_number) values (?, ?, ?)").params(c, name.trim(), cycle).update();
        audit.changed("billing_cycle", cycle, null, "route added", null, Map.of("route", c, "name", name.trim()));
        return route(c).orElseThrow();
    }

    RouteView update(String code, String name, Integer cycle) {
        RouteView before = routeRow(code).orElseThrow(() -> new NotFoundException("route", code));
        InputChecks checks = new InputChecks();
        checkNameAndCycle(checks, name, cycle);
        checks.throwIfAny();
        lockCycle(Math.min(before.cycleNumber(), cycle));
        lockCycle(Math.max(before.cycleNumber(), cycle));
        jdbc.sql("update metering.route set name = ?, cycle_number = ? where code = ?").params(name.trim(), cycle, code).update();
        int moved = 0;
        if (cycle != before.cycleNumber()) {
            moved = jdbc.sql("update metering.meter set cycle_number = ? where route_code = ?").params(cycle, code).update();
        }
        Map<String, Object> after = new LinkedHashMap<>(Map.of("route", code, "name", name.trim(), "cycle", cycle));
        if (moved > 0) {
            after.put("metersMoved", moved);
        }
        audit.changed("billing_cycle", cycle, null, cycle == before.cycleNumber() ? "route changed" : "route moved",
                Map.of("route", code, "name", before.name(), "cycle", before.cycleNumber()), after);
        return route(code).orElseThrow();
    }

    void delete(String code) {
        RouteView route = routeRow(code).orElseThrow(() -> new NotFoundException("route", code));
        lockCycle(route.cycleNumber());
        long meters = jdbc.sql("select count(*) from metering.meter where route_code = ?").param(code).query(Long.class).single();
        new InputChecks().check(meters == 0, "code", "route " + code + " still has " + meters + " meter" + (meters == 1 ? "" : "s")
                + "; move them to another route first").throwIfAny();
        jdbc.sql("delete from metering.route where code = ?").param(code).update();
        audit.changed("billing_cycle", route.cycleNumber(), null, "route removed", Map.of("route", code, "name", route.name()), null);
    }

    private void checkNameAndCycle(InputChecks checks, String name, Integer cycle) {
        checks.required("name", name).maxLength("name", name == null ? null : name.trim(), 60).required("cycle", cycle);
        if (cycle != null) {
            checks.check(cycleExists(cycle), "cycle", "there is no cycle " + cycle);
        }
    }

    CycleService.Assigned assign(MeterAssignment a) {
        InputChecks checks = new InputChecks().required("cycleNumber", a.cycleNumber());
        if (a.cycleNumber() != null) {
            checks.check(cycleExists(a.cycleNumber()), "cycleNumber", "there is no cycle " + a.cycleNumber());
        }
        RouteView route = a.routeCode() == null ? null : routeRow(a.routeCode()).orElse(null);
        if (a.routeCode() != null && route == null) {
            checks.add("routeCode", "there is no route " + a.routeCode());
        } else if (route != null && a.cycleNumber() != null && route.cycleNumber() != a.cycleNumber()) {
            checks.add("routeCode", "route " + route.code() + " is on cycle " + route.cycleNumber() + ", not " + a.cycleNumber());
        }
        List<String> meters = new ArrayList<>();
        if (a.meterNumbers().isEmpty() && a.fromRoute() == null) {
            checks.add("meterNumbers", "list the meter numbers to assign, or choose a route whose meters move");
        } else if (!a.meterNumbers().isEmpty() && a.fromRoute() != null) {
            checks.add("meterNumbers", "list meter numbers or choose a route to move, not both");
        } else if (a.fromRoute() != null) {
            if (routeRow(a.fromRoute()).isEmpty()) {
                checks.add("fromRoute", "there is no route " + a.fromRoute());
            } else {
                meters = jdbc.sql("select meter_number from metering.meter where route_code = ? order by route_sequence nulls last, meter_number")
                        .param(a.fromRoute()).query(String.class).list();
                checks.check(!meters.isEmpty(), "fromRoute", "route " + a.fromRoute() + " has no meters");
            }
        } else {
            meters = a.meterNumbers();
            checkMeterNumbers(checks, meters);
        }
        if (a.firstSequence() != null) {
            checks.check(a.routeCode() != null, "firstSequence", "is only for meters put on a route");
            checks.check(a.firstSequence() >= 1 && a.firstSequence() <= 999_999, "firstSequence", "must be from 1 to 999,999");
        }
        if (a.step() != null) {
            checks.check(a.step() >= 1 && a.step() <= 1000, "step", "must be from 1 to 1,000");
        }
        int step = a.step() == null ? 10 : a.step();
        if (route != null && a.firstSequence() != null && a.step() != null && a.firstSequence() >= 1 && a.step() >= 1) {
            checks.check(a.firstSequence() + (long) step * (meters.size() - 1) <= 999_999, "step", "numbers the meters past 999,999");
        }
        checks.throwIfAny();
        lockCycle(a.cycleNumber());
        Integer first = null;
        Integer last = null;
        Integer[] sequences = new Integer[meters.size()];
        if (route != null) {
            first = a.firstSequence() != null ? a.firstSequence() : jdbc.sql("""
                            select coalesce(max(route_sequence), 0) from metering.meter
                             where route_code = ? and not (meter_number = any(?))""")
                    .params(route.code(), meters.toArray(String[]::new)).query(Integer.class).single() + step;
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = first + i * step;
            }
            last = sequences.length == 0 ? first : sequences[sequences.length - 1];
        }
        List<Map<String, Object>> before = jdbc.sql("""
                        select meter_number, cycle_number, route_code, route_sequence from metering.meter
                         where meter_number = any(?) order by meter_number""")
                .param(meters.toArray(String[]::new)).query().listOfRows();
        int updated = jdbc.sql("""
                        update metering.meter m set cycle_number = ?, route_code = ?, route_sequence = v.seq
                          from unnest(cast(? as text[]), cast(? as int[])) as v(meter_number, seq)
                         where m.meter_number = v.meter_number""")
                .params(a.cycleNumber(), route == null ? null : route.code(), meters.toArray(String[]::new), sequences).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("cycle", a.cycleNumber());
        after.put("route", route == null ? "" : route.code());
        after.put("meters", meters);
        if (first != null) {
            after.put("sequences", first + " to " + last + " by " + step);
        }
        audit.changed("billing_cycle", a.cycleNumber(), null, "meters assigned", Map.of("meters", before), after);
        return new CycleService.Assigned(updated, first, last);
    }

    private void checkMeterNumbers(InputChecks checks, List<String> meters) {
        if (meters.size() > MAX_METERS) {
            checks.add("meterNumbers", "at most " + MAX_METERS + " meters at a time (" + meters.size() + " listed)");
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        meters.forEach(m -> {
            if (!seen.add(m)) {
                twice.add(m);
            }
        });
        if (!twice.isEmpty()) {
            checks.add("meterNumbers", "lists " + sample(twice) + " more than once");
        }
        List<String> unknown = jdbc.sql("""
                        select n from unnest(cast(? as text[])) with ordinality as t(n, i)
                         where not exists (select 1 from metering.meter m where m.meter_number = t.n) order by i""")
                .param(meters.toArray(String[]::new)).query(String.class).list();
        if (!unknown.isEmpty()) {
            checks.add("meterNumbers", "there is no meter " + sample(unknown));
        }
    }

    private static String sample(java.util.Collection<String> values) {
        List<String> list = List.copyOf(values);
        String shown = String.join(", ", list.subList(0, Math.min(5, list.size())));
        return list.size() > 5 ? shown + " (and " + (list.size() - 5) + " more)" : shown;
    }

    private Optional<RouteView> routeRow(String code) {
        return jdbc.sql("select code, name, cycle_number from metering.route where code = ?").param(code)
                .query((rs, n) -> new RouteView(rs.getString("code"), rs.getString("name"), rs.getInt("cycle_number"), 0)).optional();
    }

    private boolean cycleExists(int cycle) {
        return jdbc.sql("select count(*) from metering.billing_cycle where number = ?").param(cycle).query(Integer.class).single() > 0;
    }

    private void lockCycle(int cycle) {
        jdbc.sql("select number from metering.billing_cycle where number = ? for update").param(cycle).query(Integer.class).optional()
                .orElseThrow(() -> new NotFoundException("billing cycle", cycle));
    }
}
