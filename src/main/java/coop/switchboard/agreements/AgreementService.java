package coop.switchboard.agreements;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Looks up service agreements by account and by service point (who was served where, and when). */
@Service
public class AgreementService {
    private static final RowMapper<AgreementView> ROW = (rs, n) -> new AgreementView(rs.getLong("id"), rs.getLong("account_id"),
            rs.getLong("service_point_id"), rs.getString("rate_schedule_code"), rs.getObject("start_date", LocalDate.class),
            rs.getObject("end_date", LocalDate.class));
    private final JdbcClient jdbc;

    AgreementService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's agreements, active ones first, then the most recent. */
    public List<AgreementView> forAccount(long accountId) {
        return jdbc.sql("select * from agreements.service_agreement where account_id = ? order by end_date is null desc, start_date desc, id")
                .param(accountId).query(ROW).list();
    }

    /** Every agreement there has been on these service points, newest first: the premise's occupancy history. */
    public List<AgreementView> atServicePoints(Collection<Long> servicePointIds) {
        if (servicePointIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from agreements.service_agreement where service_point_id = any(?) order by start_date desc, id desc")
                .param(servicePointIds.toArray(Long[]::new)).query(ROW).list();
    }

}
