package coop.switchboard.demo;

import coop.switchboard.platform.CopyRows;
import coop.switchboard.demo.CsrNotes.Note;
import coop.switchboard.demo.Network.Site;
import coop.switchboard.demo.People.Phone;
import coop.switchboard.shared.CheckDigit;
import coop.switchboard.shared.SensitiveData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Writes the demo's rows into the current {@link Batch}: assigns every id itself (1, 2, 3, ... per table), derives
 * membership and account numbers from them, and seals the sensitive fields as the members module does.
 */
final class Tables {
    static final long MEMBERSHIP_NUMBER_BASE = 100_000;
    static final long ACCOUNT_BASE = 1_000_000;

    private final SensitiveData sealer;
    private final String createdAt;
    Batch batch = new Batch();
    long members;
    long phones;
    long emails;
    long accounts;
    long parties;
    long interactions;
    long premises;
    long points;
    long meters;
    long installations;
    long agreements;
    long reads;
    long intervalDays;
    long readExceptions;
    /** Places meters on cycles and routes as they are installed; null writes them bare. */
    DemoMeters placer;
    private NewMeter pendingMeter;
    private final StringBuilder slotText = new StringBuilder(700);

    /** A meter set aside until its installation says whether it is still in service. */
    record NewMeter(long id, String number, String serviceType, String kind, int multiplier, int dials, boolean ami) {
    }

    Tables(SensitiveData sealer, Instant now) {
        this.sealer = sealer;
        this.createdAt = now.toString();
    }

    /** The current batch, handed over; writing goes on into a new one. */
    Batch take() {
        Batch full = batch;
        batch = new Batch();
        return full;
    }

    long nextMemberId() {
        return ++members;
    }

    void member(MemberCard m, Mailing mail) {
        CopyRows r = batch.member;
        r.add(m.id()).add(m.business() ? "BUSINESS" : "PERSON").add(m.firstName()).add(m.middleName())
                .add(m.lastName()).add(m.businessName()).add(m.displayName());
        if (m.taxId() == null) {
            r.addNull().addNull().addNull();
        } else {
            r.add(sealer.encrypt(m.taxId())).add(sealer.matchHash(m.taxId())).add(m.taxId().substring(5));
        }
        r.add(m.birthDate() == null ? null : sealer.encrypt(m.birthDate().toString()));
        if (m.photoIdNumber() == null) {
            r.addNull().addNull().addNull();
        } else {
            String number = m.photoIdNumber();
            r.add(m.photoIdType()).add(sealer.encrypt(number)).add(number.substring(number.length() - 4));
        }
        r.add(m.spanish() ? "ES" : "EN").add(Long.toString(MEMBERSHIP_NUMBER_BASE + m.id())).add(m.since())
                .add(m.feeStatus()).add(mail.line1()).add(mail.line2()).add(mail.city()).add(mail.state())
                .add(mail.zip()).add(m.deceasedOn()).raw(createdAt);
        r.end();
        boolean primary = true;
        for (Phone p : m.phones()) {
            batch.phone.add(++phones).add(m.id()).add(p.type()).add(p.digits()).add(primary);
            batch.phone.end();
            primary = false;
        }
        primary = true;
        for (String e : m.emails()) {
            batch.email.add(++emails).add(m.id()).add(e.toLowerCase(Locale.ROOT)).add(primary);
            batch.email.end();
            primary = false;
        }
    }

    long account(long memberId, String status, String billDelivery, LocalDate opened, LocalDate closed) {
        long id = ++accounts;
        batch.account.add(id).add(CheckDigit.append(ACCOUNT_BASE + id)).add(memberId).add(status).add(billDelivery)
                .add(opened).add(closed).raw(createdAt);
        batch.account.end();
        return id;
    }

    void authorizedParty(long accountId, String name, String relationship, String phone, LocalDate added,
                         LocalDate removed) {
        batch.authorizedParty.add(++parties).add(accountId).add(name).add(relationship).add(phone).add(added).add(removed);
        batch.authorizedParty.end();
    }

    void interaction(long accountId, Note note, Instant at) {
        batch.interaction.add(++interactions).add(accountId).add(note.kind()).add(note.category()).add(note.body())
                .add(note.createdBy()).raw(at.toString());
        batch.interaction.end();
    }

    long premise(String type, Site site, String line2, Long ownerMemberId) {
        long id = ++premises;
        CopyRows r = batch.premise;
        r.add(id).add(type).add(site.line1()).add(line2).add(site.town().name()).add(Towns.STATE).add(site.town().zip())
                .raw(coordinate(site.latitude())).raw(coordinate(site.longitude())).add(site.mapLocation())
                .add(site.feeder()).add(site.transformer());
        if (ownerMemberId == null) {
            r.addNull();
        } else {
            r.add(ownerMemberId);
        }
        r.raw(createdAt).end();
        return id;
    }

    long servicePoint(long premiseId, String serviceType, String label) {
        long id = ++points;
        batch.servicePoint.add(id).add(premiseId).add(serviceType).add(label).raw(createdAt);
        batch.servicePoint.end();
        return id;
    }

    /** A meter: its row is written with its installation, once it is known whether it is still in service. */
    long meter(String number, String serviceType, String kind, int multiplier, int dials, boolean ami) {
        writePendingMeter();
        long id = ++meters;
        pendingMeter = new NewMeter(id, number, serviceType, kind, multiplier, dials, ami);
        return id;
    }

    void installation(long meterId, long pointId, LocalDate installed, LocalDate removed) {
        NewMeter m = pendingMeter;
        if (m != null && m.id() == meterId) {
            pendingMeter = null;
            if (placer != null) {
                placer.install(m, pointId, installed, removed);
            } else {
                meterRow(m, null, 0, false);
                installationRow(meterId, pointId, installed, removed);
            }
            return;
        }
        writePendingMeter();
        installationRow(meterId, pointId, installed, removed);
    }

    private void writePendingMeter() {
        if (pendingMeter != null) {
            meterRow(pendingMeter, null, 0, false);
            pendingMeter = null;
        }
    }

    long nextMeterId() {
        return ++meters;
    }

    void meterRow(NewMeter m, DemoCycles.Stop stop, double ratingKw, boolean netMetered) {
        CopyRows r = batch.meter;
        r.add(m.id()).add(m.number()).add(m.serviceType()).add(m.kind()).add(m.multiplier()).add(m.dials()).add(m.ami())
                .raw(createdAt);
        if (stop == null) {
            r.addNull().addNull().addNull();
        } else {
            r.add(stop.cycle()).add(stop.route()).add(stop.sequence());
        }
        if (ratingKw > 0) {
            r.raw(java.math.BigDecimal.valueOf(ratingKw).stripTrailingZeros().toPlainString());
        } else {
            r.addNull();
        }
        // Water meters: the common 5/8" residential size, 3/4" for the older Neptune registers.
        r.add(netMetered).add(m.serviceType().equals("WATER") ? (m.kind().startsWith("Neptune") ? "3/4" : "5/8") : null).end();
    }

    void installationRow(long meterId, long pointId, LocalDate installed, LocalDate removed) {
        batch.meterInstallation.add(++installations).add(meterId).add(pointId).add(installed).add(removed);
        batch.meterInstallation.end();
    }

    void billingCycle(int number, String name, String description, int readDay, int windowDays, int billLagDays) {
        batch.billingCycle.add(number).add(name).add(description).raw("DAY_OF_MONTH").add(readDay).add(windowDays)
                .add(billLagDays).raw(createdAt).end();
    }

    void cycleSchedule(int cycle, String period, LocalDate read, LocalDate windowFrom, LocalDate windowTo, LocalDate bill,
                       String note) {
        batch.cycleSchedule.add(cycle).raw(period).add(read).add(windowFrom).add(windowTo).add(bill).add(note).end();
    }

    void route(String code, String name, int cycle) {
        batch.route.add(code).add(name).add(cycle).end();
    }

    private final java.util.Map<String, byte[]> words = new java.util.HashMap<>();

    /**
     * A register read: the reading is {@code unscaled} × 10^-{@code scale}; times are epoch seconds. Registers,
     * types, sources, readers and reasons are a few words each, turned into bytes once.
     */
    long read(long meterId, String register, long readEpochDay, long readAt, long unscaled, int scale, String type,
              String source, String reader, String reason, long readCreatedAt) {
        long id = ++reads;
        batch.registerRead.row(12).int8(id).int8(meterId).text(word(register)).date(readEpochDay).timestamptz(readAt)
                .numeric(unscaled, scale).text(word(type)).text(word(source));
        if (reader == null) {
            batch.registerRead.addNull();
        } else {
            batch.registerRead.text(word(reader));
        }
        if (reason == null) {
            batch.registerRead.addNull();
        } else {
            batch.registerRead.text(word(reason));
        }
        batch.registerRead.text(word("system")).timestamptz(readCreatedAt);
        return id;
    }

    private byte[] word(String s) {
        byte[] b = words.get(s);
        if (b == null) {
            b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            words.put(s, b);
        }
        return b;
    }

    /** A day of 15-minute values in ten-thousandths of a kWh; returns the day's total. */
    long intervalDay(long meterId, String day, int[] slots) {
        long total = 0;
        int peak = 0;
        slotText.setLength(0);
        slotText.append('{');
        for (int i = 0; i < slots.length; i++) {
            if (i > 0) {
                slotText.append(',');
            }
            slotText.append(slots[i]);
            total += slots[i];
            peak = Math.max(peak, slots[i]);
        }
        slotText.append('}');
        intervalDays++;
        batch.intervalDay.add(meterId).raw(day).add(1440 / slots.length).raw(slotText.toString()).add(total).add(peak)
                .add(slots.length).end();
        return total;
    }

    void readException(long meterId, LocalDate expectedOn, String rule, String message, String at) {
        batch.readException.add(++readExceptions).addNull().add(expectedOn).add(meterId).raw(rule).add(message).raw("OPEN")
                .raw(at).end();
    }

    void agreement(long accountId, long pointId, String rateSchedule, LocalDate start, LocalDate end) {
        batch.serviceAgreement.add(++agreements).add(accountId).add(pointId).add(rateSchedule).add(start).add(end)
                .raw(createdAt);
        batch.serviceAgreement.end();
        if (rateSchedule.equals("SL")) {
            // One to three dusk-to-dawn lights, LED on newer agreements.
            batch.agreementFixture.add(agreements).add(agreements % 3 == 0 ? "HPS 100W" : "LED 70W").add(1 + agreements % 3).end();
        }
    }

    /** Six decimals (about 10 cm), the precision of the column. */
    private static String coordinate(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
