package coop.switchboard.demo;

import coop.switchboard.platform.CopyRows;
import java.util.List;

/**
 * One slice of the generated cooperative: the rows of every table, kept in foreign-key order so that loading the
 * tables one after the other never refers to a row not yet loaded.
 */
final class Batch {
    static final int FLUSH_CHARS = 4 << 20;

    final CopyRows member = rows("members.member", """
            id, member_type, first_name, middle_name, last_name, business_name, display_name, tax_id_sealed, tax_id_hash, \
            tax_id_last4, birth_date_sealed, photo_id_type, photo_id_number_sealed, photo_id_last4, preferred_language, \
            membership_number, membership_date, membership_fee_status, mail_line1, mail_line2, mail_city, mail_state, \
            mail_zip, deceased_on, created_at""");
    final CopyRows phone = rows("members.phone", "id, member_id, phone_type, digits, is_primary");
    final CopyRows email = rows("members.email", "id, member_id, address, is_primary");
    final CopyRows account = rows("members.account",
            "id, account_number, member_id, status, bill_delivery, opened_on, closed_on, created_at");
    final CopyRows authorizedParty = rows("members.authorized_party",
            "id, account_id, name, relationship, phone_digits, added_on, removed_on");
    final CopyRows interaction = rows("members.interaction", "id, account_id, kind, category, body, created_by, created_at");
    final CopyRows premise = rows("premises.premise", """
            id, premise_type, line1, line2, city, state, zip, latitude, longitude, map_location, feeder_id, \
            transformer_id, owner_member_id, created_at""");
    final CopyRows servicePoint = rows("premises.service_point", "id, premise_id, service_type, label, created_at");
    final CopyRows billingCycle = rows("metering.billing_cycle",
            "number, name, description, read_on, read_day, window_days, bill_lag_days, created_at");
    final CopyRows cycleSchedule = rows("metering.cycle_schedule",
            "cycle_number, period, read_date, window_from, window_to, bill_date, note");
    final CopyRows route = rows("metering.route", "code, name, cycle_number");
    final CopyRows meter = rows("metering.meter", "id, meter_number, service_type, kind, multiplier, dials, ami, created_at, "
            + "cycle_number, route_code, route_sequence, rating_kw, net_metered, size");
    final CopyRows meterInstallation = rows("metering.meter_installation",
            "id, meter_id, service_point_id, installed_on, removed_on");
    final CopyRows serviceAgreement = rows("agreements.service_agreement",
            "id, account_id, service_point_id, rate_schedule_code, start_date, end_date, created_at");
    final CopyRows agreementFixture = rows("agreements.agreement_fixture", "agreement_id, fixture, count");
    /** Register reads, the largest table by far, go in binary form after the others of the batch. */
    final BinaryRows registerRead = new BinaryRows("metering.register_read",
            "id, meter_id, register, read_date, read_at, reading, read_type, source, reader, reason, created_by, created_at",
            64 * 1024);
    final CopyRows intervalDay = rows("metering.interval_day", "meter_id, day, minutes, slots, total, peak, readings");
    final CopyRows readException = rows("metering.read_exception",
            "id, read_id, expected_on, meter_id, rule, message, status, created_at");

    /** The tables in the order they must be loaded. */
    final List<CopyRows> tables = List.of(member, phone, email, account, authorizedParty, interaction, premise,
            servicePoint, billingCycle, cycleSchedule, route, meter, meterInstallation, serviceAgreement, agreementFixture, intervalDay,
            readException);

    /** Every table the demo fills, for ANALYZE. */
    static final List<String> ANALYZED = java.util.stream.Stream.concat(new Batch().tables.stream().map(CopyRows::table),
            java.util.stream.Stream.of(new Batch().registerRead.table)).toList();

    /** The tables the demo fills whose ids come from an identity sequence, which must move past the loaded ids. */
    static final List<String> TABLE_NAMES = java.util.stream.Stream.concat(
            new Batch().tables.stream().filter(t -> t.columns().startsWith("id,")).map(CopyRows::table),
            java.util.stream.Stream.of(new Batch().registerRead.table)).toList();

    private static CopyRows rows(String table, String columns) {
        return new CopyRows(table, columns, 16 * 1024);
    }

    int length() {
        int sum = registerRead.length();
        for (CopyRows t : tables) {
            sum += t.length();
        }
        return sum;
    }

    boolean isEmpty() {
        return length() == 0;
    }
}
