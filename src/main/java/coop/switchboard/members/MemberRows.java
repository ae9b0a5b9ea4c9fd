package coop.switchboard.members;

import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.Address;
import coop.switchboard.members.MemberView.EmailView;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.members.MemberView.MemberType;
import coop.switchboard.members.MemberView.MembershipFeeStatus;
import coop.switchboard.members.MemberView.PhoneView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the members schema into views. */
@Repository
class MemberRows {
    private final JdbcClient jdbc;

    MemberRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MemberView> member(long id) {
        List<PhoneView> phones = jdbc.sql("select id, phone_type, digits, is_primary from members.phone where member_id = ? order by is_primary desc, id")
                .param(id).query((rs, n) -> new PhoneView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
        List<EmailView> emails = jdbc.sql("select id, address, is_primary from members.email where member_id = ? order by is_primary desc, id")
                .param(id).query((rs, n) -> new EmailView(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).list();
        return jdbc.sql("select * from members.member where id = ?").param(id)
                .query((rs, n) -> new MemberView(rs.getLong("id"), MemberType.valueOf(rs.getString("member_type")),
                        rs.getString("first_name"), rs.getString("middle_name"), rs.getString("last_name"),
                        rs.getString("business_name"), rs.getString("display_name"),
                        mask(rs.getString("tax_id_last4"), rs.getString("member_type")),
                        rs.getBytes("birth_date_sealed") != null, rs.getString("photo_id_type"),
                        rs.getString("photo_id_last4") == null ? null : "••••" + rs.getString("photo_id_last4"),
                        Language.valueOf(rs.getString("preferred_language")), rs.getString("membership_number"),
                        rs.getObject("membership_date", LocalDate.class), MembershipFeeStatus.valueOf(rs.getString("membership_fee_status")),
                        new Address(rs.getString("mail_line1"), rs.getString("mail_line2"), rs.getString("mail_city"),
                                rs.getString("mail_state"), rs.getString("mail_zip")),
                        rs.getObject("deceased_on", LocalDate.class), phones, emails))
                .optional();
    }

    Optional<AccountView> account(long id) {
        return accounts("a.id = ?", id).stream().findFirst();
    }

    Optional<AccountView> accountByNumber(String number) {
        return accounts("a.account_number = ?", number).stream().findFirst();
    }

    List<AccountView> accountsOfMember(long memberId) {
        return accounts("a.member_id = ?", memberId);
    }

    List<AccountView> accounts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return accounts("a.id = any(?)", ids.toArray(Long[]::new));
    }

    private List<AccountView> accounts(String where, Object param) {
        List<AccountRow> rows = jdbc.sql("select a.* from members.account a where " + where + " order by a.status = 'ACTIVE' desc, a.opened_on desc")
                .param(param)
                .query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("account_number"), rs.getLong("member_id"),
                        AccountStatus.valueOf(rs.getString("status")), BillDelivery.valueOf(rs.getString("bill_delivery")),
                        rs.getObject("opened_on", LocalDate.class), rs.getObject("closed_on", LocalDate.class)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AccountView.AuthorizedPartyView>> parties = jdbc.sql("""
                        select id, account_id, name, relationship, phone_digits, added_on from members.authorized_party
                        where account_id = any(?) and removed_on is null order by id
                        """)
                .param(rows.stream().map(AccountRow::id).toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong("account_id"), new AccountView.AuthorizedPartyView(rs.getLong("id"),
                        rs.getString("name"), rs.getString("relationship"), rs.getString("phone_digits"), rs.getObject("added_on", LocalDate.class))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream().map(r -> new AccountView(r.id, r.number, r.memberId, r.status, r.delivery, r.openedOn, r.closedOn,
                parties.getOrDefault(r.id, List.of()))).toList();
    }

    private static String mask(String last4, String type) {
        if (last4 == null) {
            return null;
        }
        return "BUSINESS".equals(type) ? "**-***" + last4 : "***-**-" + last4;
    }


    private record AccountRow(long id, String number, long memberId, AccountStatus status, BillDelivery delivery,
                              LocalDate openedOn, LocalDate closedOn) {
    }
}
