package coop.switchboard.ledger;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The general-ledger journal: per day, each account's debits and credits from the day's entries. Every entry moves
 * its amount from one account to another, so each day balances; {@link #unbalancedDays} is the check that proves it.
 */
@Service
public class JournalService {
    private final JdbcClient jdbc;

    JournalService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One journal line: an account's debits and credits on a day, and how many entries made them. */
    public record JournalLine(LocalDate day, String glAccount, Money debit, Money credit, long entries) {
    }

    /** The journal of the days {@code from} through {@code to}, by day and account. */
    public List<JournalLine> journal(LocalDate from, LocalDate to) {
        check(from, to);
        return jdbc.sql("""
                        select entry_date, gl, sum(debit) as debit, sum(credit) as credit, count(*) as entries from (
                            select entry_date, debit_account as gl, abs(amount) as debit, 0 as credit from ledger.entry where entry_date between ? and ?
                            union all
                            select entry_date, credit_account, 0, abs(amount) from ledger.entry where entry_date between ? and ?
                        ) lines group by entry_date, gl order by entry_date, gl""")
                .params(from, to, from, to)
                .query((rs, n) -> new JournalLine(rs.getObject(1, LocalDate.class), rs.getString(2), new Money(rs.getBigDecimal(3)),
                        new Money(rs.getBigDecimal(4)), rs.getLong(5)))
                .list();
    }

    /** Days in the range whose debits and credits differ (always none; checked after every test scenario). */
    public List<LocalDate> unbalancedDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate day = null;
        BigDecimal sum = BigDecimal.ZERO;
        for (JournalLine line : journal(from, to)) {
            if (!line.day().equals(day)) {
                if (day != null && sum.signum() != 0) {
                    days.add(day);
                }
                day = line.day();
                sum = BigDecimal.ZERO;
            }
            sum = sum.add(line.debit().amount()).subtract(line.credit().amount());
        }
        if (day != null && sum.signum() != 0) {
            days.add(day);
        }
        return days;
    }

    /**
     * Writes the journal as CSV for the general-ledger system: {@code date,gl_account,debit,credit,entries}, one line
     * per day and account, amounts with two decimals.
     */
    public int exportCsv(LocalDate from, LocalDate to, Writer out) {
        try {
            out.write("date,gl_account,debit,credit,entries\n");
            int lines = 0;
            for (JournalLine line : journal(from, to)) {
                out.write(line.day() + "," + line.glAccount() + "," + line.debit().amount().toPlainString() + ","
                        + line.credit().amount().toPlainString() + "," + line.entries() + "\n");
                lines++;
            }
            out.flush();
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "is required");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "is before from (" + from + ")");
        }
    }
}
