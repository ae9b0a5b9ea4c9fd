package coop.switchboard.payments;

import tools.jackson.databind.json.JsonMapper;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cash drawers at the counter. A CSR opens one with a starting float and takes counter payments into it; closing it
 * means counting the cash by denomination and listing the checks, and the close shows expected against counted and any
 * over or short. A SUPERVISOR (or ADMIN) other than the drawer's owner approves the close; approved drawers go to the
 * bank deposit.
 */
@Service
public class DrawerService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RowMapper<DrawerView> ROW = (rs, n) -> new DrawerView(rs.getLong("id"), rs.getString("location"),
            rs.getString("opened_by"), rs.getTimestamp("opened_at").toInstant(), rs.getObject("business_day", LocalDate.class),
            new Money(rs.getBigDecimal("opening_float")), DrawerView.Status.valueOf(rs.getString("status")), instant(rs.getTimestamp("closed_at")),
            money(rs.getBigDecimal("counted_cash")), money(rs.getBigDecimal("counted_checks")), money(rs.getBigDecimal("expected_cash")),
            money(rs.getBigDecimal("expected_checks")), rs.getString("count_detail"), rs.getString("close_note"), rs.getString("approved_by"),
            instant(rs.getTimestamp("approved_at")), rs.getString("approval_note"), (Long) rs.getObject("deposit_id"));

    private final JdbcClient jdbc;
    private final StaffPermissions permissions;
    private final AuditLog audit;
    private final Clock clock;

    DrawerService(JdbcClient jdbc, StaffPermissions permissions, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens a drawer for the signed-in person, who may have only one open. */
    @Transactional
    public DrawerView open(String location, Money openingFloat) {
        InputChecks checks = new InputChecks().required("location", location).maxLength("location", location, 60)
                .required("openingFloat", openingFloat);
        if (openingFloat != null && openingFloat.signum() < 0) {
            checks.add("openingFloat", "cannot be negative");
        }
        checks.throwIfAny();
        String actor = audit.currentActor();
        Optional<DrawerView> open = current();
        if (open.isPresent()) {
            throw new InvalidInputException("drawer", "you already have drawer " + open.get().id() + " open at " + open.get().location()
                    + "; close it first");
        }
        long id = jdbc.sql("""
                        insert into payments.drawer (location, opened_by, opened_at, business_day, opening_float, status)
                        values (?, ?, ?, ?, ?, 'OPEN') returning id""")
                .params(location.trim(), actor, Timestamp.from(clock.instant()), LocalDate.now(clock), openingFloat.amount())
                .query(Long.class).single();
        audit.changed("drawer", id, null, "OPEN", null, Map.of("location", location.trim(), "float", openingFloat.toString()));
        return drawer(id);
    }

    /** The signed-in person's open drawer. */
    public Optional<DrawerView> current() {
        return jdbc.sql("select * from payments.drawer where opened_by = ? and status = 'OPEN'").param(audit.currentActor()).query(ROW).optional();
    }

    public DrawerView drawer(long id) {
        return jdbc.sql("select * from payments.drawer where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Drawer", id));
    }

    /** Drawers opened on a day, oldest first. */
    public List<DrawerView> drawersOn(LocalDate day) {
        return jdbc.sql("select * from payments.drawer where business_day = ? order by id").param(day).query(ROW).list();
    }

    /** Closed drawers waiting for a supervisor. */
    public List<DrawerView> awaitingApproval() {
        return jdbc.sql("select * from payments.drawer where status = 'CLOSED' order by id").query(ROW).list();
    }

    /** What should be in the drawer now: the float and cash taken, the checks and money orders, and card slips. */
    public Expected expected(long drawerId) {
        DrawerView d = drawer(drawerId);
        Map<Tender, Money> byTender = new EnumMap<>(Tender.class);
        List<CheckItem> checks = new ArrayList<>();
        List<PaymentView> payments = payments(drawerId);
        for (PaymentView p : payments) {
            if (p.reversed()) {
                continue;
            }
            byTender.merge(p.tender(), p.amount(), Money::plus);
        }
        // A split check pays several accounts but is one piece of paper: list it once, at the receipt's total.
        jdbc.sql("""
                        select r.check_number, r.total from payments.receipt r
                         where r.drawer_id = ? and r.tender in ('CHECK', 'MONEY_ORDER')
                           and not exists (select 1 from payments.payment p join payments.reversal v on v.payment_id = p.id
                                            where p.receipt_id = r.id)
                         order by r.id""")
                .param(drawerId).query(rs -> {
                    checks.add(new CheckItem(rs.getString(1), new Money(rs.getBigDecimal(2))));
                });
        Money cash = d.openingFloat().plus(byTender.getOrDefault(Tender.CASH, Money.ZERO));
        Money checkTotal = byTender.getOrDefault(Tender.CHECK, Money.ZERO).plus(byTender.getOrDefault(Tender.MONEY_ORDER, Money.ZERO));
        return new Expected(cash, checkTotal, byTender.getOrDefault(Tender.CARD, Money.ZERO), checks, byTender, payments);
    }

    /** What a drawer should hold. {@code cash} includes the float. */
    public record Expected(Money cash, Money checks, Money cards, List<CheckItem> checkList, Map<Tender, Money> byTender,
                           List<PaymentView> payments) {
    }

    /** A check or money order listed at the close. */
    public record CheckItem(String number, Money amount) {
    }

    /** Notes and coins a drawer is counted in. */
    public enum Denomination {
        HUNDRED("100.00", "$100"), FIFTY("50.00", "$50"), TWENTY("20.00", "$20"), TEN("10.00", "$10"), FIVE("5.00", "$5"),
        TWO("2.00", "$2"), ONE("1.00", "$1"), DOLLAR_COIN("1.00", "$1 coin"), HALF("0.50", "50¢"), QUARTER("0.25", "25¢"),
        DIME("0.10", "10¢"), NICKEL("0.05", "5¢"), PENNY("0.01", "1¢");

        private final Money value;
        private final String label;

        Denomination(String value, String label) {
            this.value = Money.of(value);
            this.label = label;
        }

        public Money value() {
            return value;
        }

        public String label() {
            return label;
        }
    }

    /** The count at the close: pieces of each denomination and the checks in the drawer. */
    public record Count(Map<Denomination, Integer> pieces, List<CheckItem> checks, String note) {
        public Money cash() {
            Money total = Money.ZERO;
            for (Map.Entry<Denomination, Integer> e : pieces.entrySet()) {
                total = total.plus(new Money(e.getKey().value().amount().multiply(BigDecimal.valueOf(e.getValue()))));
            }
            return total;
        }

        public Money checkTotal() {
            return checks.stream().map(CheckItem::amount).reduce(Money.ZERO, Money::plus);
        }
    }

    /**
     * Closes a drawer with its count. Its owner closes it (a supervisor may close anyone's). The expected figures are
     * fixed at the close; the difference is the drawer's over (positive) or short (negative).
     */
    @Transactional
    public DrawerView close(long drawerId, Count count) {
        DrawerView d = lockedDrawer(drawerId);
        if (d.status() != DrawerView.Status.OPEN) {
            throw new InvalidInputException("drawer", "drawer " + drawerId + " is already " + d.status().name().toLowerCase());
        }
        if (!d.openedBy().equals(audit.currentActor()) && !supervisor()) {
            throw new NotAllowedException("Drawer " + drawerId + " is " + d.openedBy() + "'s; only they or a supervisor may close it.");
        }
        InputChecks checks = new InputChecks();
        if (count == null || count.pieces() == null) {
            throw new InvalidInputException("count", "is required");
        }
        count.pieces().forEach((denomination, pieces) -> {
            if (pieces == null || pieces < 0) {
                checks.add("count." + denomination.name(), "must be zero or more");
            }
        });
        List<CheckItem> listed = count.checks() == null ? List.of() : count.checks();
        for (int i = 0; i < listed.size(); i++) {
            CheckItem c = listed.get(i);
            if (c == null || c.amount() == null || c.amount().signum() <= 0) {
                checks.add("checks[" + i + "].amount", "must be more than zero");
            }
            if (c != null && c.number() != null && c.number().length() > 20) {
                checks.add("checks[" + i + "].number", "is longer than 20 characters");
            }
        }
        checks.maxLength("note", count.note(), 1000).throwIfAny();
        Count clean = new Count(count.pieces(), listed, count.note());
        Expected expected = expected(drawerId);
        Map<String, Object> detail = new LinkedHashMap<>();
        Map<String, Integer> pieces = new LinkedHashMap<>();
        clean.pieces().forEach((k, v) -> pieces.put(k.name(), v));
        detail.put("pieces", pieces);
        detail.put("checks", listed.stream().map(c -> Map.of("number", c.number() == null ? "" : c.number(), "amount", c.amount().toString())).toList());
        String json = JSON.writeValueAsString(detail);
        jdbc.sql("""
                        update payments.drawer set status = 'CLOSED', closed_at = ?, counted_cash = ?, counted_checks = ?, expected_cash = ?,
                               expected_checks = ?, count_detail = ?::jsonb, close_note = ? where id = ?""")
                .params(Timestamp.from(clock.instant()), clean.cash().amount(), clean.checkTotal().amount(), expected.cash().amount(),
                        expected.checks().amount(), json, clean.note() == null || clean.note().isBlank() ? null : clean.note().trim(), drawerId)
                .update();
        DrawerView closed = drawer(drawerId);
        audit.changed("drawer", drawerId, null, "CLOSE", Map.of("status", "OPEN"),
                Map.of("status", "CLOSED", "countedCash", clean.cash().toString(), "overShort", closed.overShort().toString()));
        return closed;
    }

    /** A supervisor (not the drawer's owner) approves a closed drawer, over or short, so it can be deposited. */
    @Transactional
    public DrawerView approve(long drawerId, String note) {
        DrawerView d = lockedDrawer(drawerId);
        if (!supervisor()) {
            throw new NotAllowedException("A supervisor approves drawer closes.");
        }
        if (d.openedBy().equals(audit.currentActor())) {
            throw new NotAllowedException("Another supervisor approves your own drawer.");
        }
        if (d.status() != DrawerView.Status.CLOSED) {
            throw new InvalidInputException("drawer", "drawer " + drawerId + " is " + d.status().name().toLowerCase() + ", not closed");
        }
        if (!d.overShort().isZero() && (note == null || note.isBlank())) {
            throw new InvalidInputException("note", "say why the drawer is " + (d.overShort().signum() > 0 ? "over" : "short")
                    + " by $" + d.overShort().amount().abs());
        }
        jdbc.sql("update payments.drawer set status = 'APPROVED', approved_by = ?, approved_at = ?, approval_note = ? where id = ?")
                .params(audit.currentActor(), Timestamp.from(clock.instant()), note == null || note.isBlank() ? null : note.trim(), drawerId)
                .update();
        audit.changed("drawer", drawerId, null, "APPROVE", Map.of("status", "CLOSED"), Map.of("status", "APPROVED"));
        return drawer(drawerId);
    }

    /** Payments taken into a drawer, oldest first. */
    public List<PaymentView> payments(long drawerId) {
        return jdbc.sql(PaymentService.PAYMENT_SELECT + " where r.drawer_id = ? order by p.id").param(drawerId).query(PaymentService.PAYMENT).list();
    }

    private DrawerView lockedDrawer(long id) {
        return jdbc.sql("select * from payments.drawer where id = ? for update").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Drawer", id));
    }

    private boolean supervisor() {
        return permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN);
    }

    private static Money money(BigDecimal amount) {
        return amount == null ? null : new Money(amount);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
