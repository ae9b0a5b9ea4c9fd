package coop.switchboard.demo;

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
    final CopyRows meter = rows("metering.meter", "id, meter_number, service_type, kind, multiplier, dials, ami, created_at");
    final CopyRows meterInstallation = rows("metering.meter_installation",
            "id, meter_id, service_point_id, installed_on, removed_on");
    final CopyRows serviceAgreement = rows("agreements.service_agreement",
            "id, account_id, service_point_id, rate_schedule_code, start_date, end_date, created_at");

    /** The tables in the order they must be loaded. */
    final List<CopyRows> tables = List.of(member, phone, email, account, authorizedParty, interaction, premise,
            servicePoint, meter, meterInstallation, serviceAgreement);

    /** Every table the demo fills, for sequences and ANALYZE. */
    static final List<String> TABLE_NAMES = new Batch().tables.stream().map(t -> t.table).toList();

    private static CopyRows rows(String table, String columns) {
        return new CopyRows(table, columns, 16 * 1024);
    }

    int length() {
        int sum = 0;
        for (CopyRows t : tables) {
            sum += t.length();
        }
        return sum;
    }

    boolean isEmpty() {
        return length() == 0;
    }
}
