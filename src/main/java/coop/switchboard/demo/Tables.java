package coop.switchboard.demo;

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

    long meter(String number, String serviceType, String kind, int multiplier, int dials, boolean ami) {
        long id = ++meters;
        batch.meter.add(id).add(number).add(serviceType).add(kind).add(multiplier).add(dials).add(ami).raw(createdAt);
        batch.meter.end();
        return id;
    }

    void installation(long meterId, long pointId, LocalDate installed, LocalDate removed) {
        batch.meterInstallation.add(++installations).add(meterId).add(pointId).add(installed).add(removed);
        batch.meterInstallation.end();
    }

    void agreement(long accountId, long pointId, String rateSchedule, LocalDate start, LocalDate end) {
        batch.serviceAgreement.add(++agreements).add(accountId).add(pointId).add(rateSchedule).add(start).add(end)
                .raw(createdAt);
        batch.serviceAgreement.end();
    }

    /** Six decimals (about 10 cm), the precision of the column. */
    private static String coordinate(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
