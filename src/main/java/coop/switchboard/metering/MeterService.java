package coop.switchboard.metering;

import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Which meter is, and was, installed where. */
@Service
public class MeterService {
    private static final RowMapper<InstalledMeterView> ROW = (rs, n) -> new InstalledMeterView(rs.getLong("meter_id"),
            rs.getString("meter_number"), ServiceType.valueOf(rs.getString("service_type")), rs.getString("kind"),
            rs.getBigDecimal("multiplier"), rs.getInt("dials"), rs.getBoolean("ami"), rs.getLong("service_point_id"),
            rs.getObject("installed_on", LocalDate.class), rs.getObject("removed_on", LocalDate.class));
    private static final String SELECT = """
            select m.id as meter_id, m.meter_number, m.service_type, m.kind, m.multiplier, m.dials, m.ami,
                   i.service_point_id, i.installed_on, i.removed_on
            from metering.meter_installation i join metering.meter m on m.id = i.meter_id
            """;
    private final JdbcClient jdbc;

    MeterService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every meter that has stood on these service points, newest installation first. */
    public List<InstalledMeterView> installations(Collection<Long> servicePointIds) {
        if (servicePointIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where i.service_point_id = any(?) order by i.service_point_id, i.installed_on desc, i.id desc")
                .param(servicePointIds.toArray(Long[]::new)).query(ROW).list();
    }

    /** Meters in meter-number order after {@code after} (null: from the start); AMI only, non-AMI only, or all ({@code ami} null). */
    public List<MeterListing> list(Boolean ami, String after, int limit) {
        return jdbc.sql("""
                        select m.meter_number, m.service_type, m.kind, m.ami, m.net_metered, m.multiplier, m.dials, m.cycle_number, m.route_code,
                               i.service_point_id, i.installed_on
                          from metering.meter m left join metering.meter_installation i on i.meter_id = m.id and i.removed_on is null
                         where (cast(? as boolean) is null or m.ami = cast(? as boolean)) and (cast(? as text) is null or m.meter_number > ?)
                         order by m.meter_number limit ?""")
                .params(ami, ami, after, after, limit)
                .query((rs, n) -> new MeterListing(rs.getString("meter_number"), rs.getString("service_type"), rs.getString("kind"),
                        rs.getBoolean("ami"), rs.getBoolean("net_metered"), rs.getBigDecimal("multiplier"), rs.getInt("dials"),
                        (Integer) rs.getObject("cycle_number"), rs.getString("route_code"), (Long) rs.getObject("service_point_id"),
                        rs.getObject("installed_on", LocalDate.class)))
                .list();
    }

    /** Where a meter has stood, newest first. */
    public List<InstalledMeterView> installationsOf(long meterId) {
        return jdbc.sql(SELECT + " where i.meter_id = ? order by i.installed_on desc, i.id desc").param(meterId).query(ROW).list();
    }
}
