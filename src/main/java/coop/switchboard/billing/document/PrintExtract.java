package coop.switchboard.billing.document;

import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.shared.ScanLine;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The print vendor's file: one record per issued bill of a run whose account gets paper bills, in bill id order, as
 * CSV (one row per bill, the lines counted) or JSON (the lines included). Columns are described in docs/billing.md.
 */
@Component
public class PrintExtract {
    static final List<String> COLUMNS = List.of("bill_id", "account_number", "name", "address_line1", "address_line2", "city",
            "state", "zip", "language", "bill_date", "due_date", "period_from", "period_to", "previous_balance", "payments",
            "adjustments", "current_charges", "total_due", "scan_line", "line_count");
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private final RunBills runBills;
    private final BillRunService runs;
    private final BillService bills;
    private final MemberService members;

    PrintExtract(RunBills runBills, BillRunService runs, BillService bills, MemberService members) {
        this.runBills = runBills;
        this.runs = runs;
        this.bills = bills;
        this.members = members;
    }

    /** Writes the run's paper bills as {@code csv} or {@code json}; returns how many. The writer is left open. */
    public int write(long runId, String format, Writer out) {
        String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new InvalidInputException("format", "'" + format + "' is not csv or json");
        }
        BillRunView run = runs.view(runId);
        try {
            return f.equals("csv") ? csv(run, out) : json(run, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the print extract of run " + runId, e);
        }
    }

    /** One bill as the vendor gets it. */
    private record Row(BillView bill, AccountView account, MemberView member) {
        MemberView.Address address() {
            return member.mailingAddress() == null ? new MemberView.Address(null, null, null, null, null) : member.mailingAddress();
        }

        String language() {
            return member.preferredLanguage() == null ? "EN" : member.preferredLanguage().name();
        }

        int lineCount() {
            return bill.segments().stream().mapToInt(s -> s.lines().size()).sum();
        }
    }

    private interface RowSink {
        void accept(Row row) throws IOException;
    }

    private int each(BillRunView run, RowSink sink) throws IOException {
        int[] count = {0};
        IOException[] failure = {null};
        runBills.forEachPage(run.id(), page -> {
            Map<Long, AccountView> accounts = runBills.accounts(page);
            for (RunBills.Ref ref : page) {
                AccountView account = accounts.get(ref.accountId());
                if (account == null || account.billDelivery() != BillDelivery.MAIL) {
                    continue;
                }
                try {
                    sink.accept(new Row(bills.bill(ref.billId()), account, members.member(account.memberId())));
                    count[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                    return false;
                }
            }
            return true;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return count[0];
    }

    private int csv(BillRunView run, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS) + "\r\n");
        int count = each(run, r -> {
            BillView b = r.bill();
            MemberView.Address a = r.address();
            List<String> values = List.of(Long.toString(b.id()), r.account().accountNumber(), r.member().displayName(), nz(a.line1()),
                    nz(a.line2()), nz(a.city()), nz(a.state()), nz(a.zip()), r.language(), b.billDate().toString(), b.dueDate().toString(),
                    b.periodFrom().toString(), b.periodTo().toString(), b.previousBalance().toString(), b.payments().toString(),
                    b.adjustments().toString(), b.currentCharges().toString(), b.totalDue().toString(),
                    ScanLine.of(r.account().accountNumber(), b.totalDue()), Integer.toString(r.lineCount()));
            StringBuilder line = new StringBuilder();
            for (String v : values) {
                line.append(line.isEmpty() ? "" : ",").append(csvField(v));
            }
            out.write(line.append("\r\n").toString());
        });
        out.flush();
        return count;
    }

    private int json(BillRunView run, Writer out) throws IOException {
        int count;
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeNumberProperty("run", run.id());
            g.writeNumberProperty("cycle", run.cycle());
            g.writeStringProperty("period", run.period().toString());
            g.writeArrayPropertyStart("bills");
            count = each(run, r -> bill(g, r));
            g.writeEndArray();
            g.writeNumberProperty("count", count);
            g.writeEndObject();
        }
        out.flush();
        return count;
    }

    private static void bill(JsonGenerator g, Row r) {
        BillView b = r.bill();
        MemberView.Address a = r.address();
        g.writeStartObject();
        g.writeNumberProperty("billId", b.id());
        g.writeStringProperty("accountNumber", r.account().accountNumber());
        g.writeStringProperty("name", r.member().displayName());
        g.writeStringProperty("addressLine1", nz(a.line1()));
        g.writeStringProperty("addressLine2", nz(a.line2()));
        g.writeStringProperty("city", nz(a.city()));
        g.writeStringProperty("state", nz(a.state()));
        g.writeStringProperty("zip", nz(a.zip()));
        g.writeStringProperty("language", r.language());
        g.writeStringProperty("billDate", b.billDate().toString());
        g.writeStringProperty("dueDate", b.dueDate().toString());
        g.writeStringProperty("periodFrom", b.periodFrom().toString());
        g.writeStringProperty("periodTo", b.periodTo().toString());
        money(g, "previousBalance", b.previousBalance());
        money(g, "payments", b.payments());
        money(g, "adjustments", b.adjustments());
        money(g, "currentCharges", b.currentCharges());
        money(g, "totalDue", b.totalDue());
        g.writeStringProperty("scanLine", ScanLine.of(r.account().accountNumber(), b.totalDue()));
        g.writeNumberProperty("lineCount", r.lineCount());
        g.writeArrayPropertyStart("lines");
        for (BillView.Segment s : b.segments()) {
            for (BillView.Line l : s.lines()) {
                g.writeStartObject();
                g.writeStringProperty("service", s.service());
                g.writeStringProperty("rateSchedule", s.rateSchedule());
                g.writeStringProperty("description", l.description());
                decimal(g, "quantity", l.quantity());
                g.writeStringProperty("unit", l.unit());
                decimal(g, "unitPrice", l.unitPrice());
                money(g, "amount", l.amount());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void money(JsonGenerator g, String name, Money amount) {
        g.writeNumberProperty(name, amount.amount());
    }

    private static void decimal(JsonGenerator g, String name, BigDecimal value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeNumberProperty(name, value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros());
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
