package coop.switchboard.premises;

import coop.switchboard.premises.PremiseView.PremiseType;
import coop.switchboard.premises.PremiseView.ServicePointView;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Looks up premises and their service points. */
@Service
public class PremiseService {
    private final JdbcClient jdbc;

    PremiseService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public PremiseView premise(long id) {
        return premises(List.of(id)).stream().findFirst().orElseThrow(() -> new NotFoundException("Premise", id));
    }

    public List<PremiseView> premises(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.stream().distinct().toArray(Long[]::new);
        Map<Long, List<ServicePointView>> points = jdbc.sql("select * from premises.service_point where premise_id = any(?) order by id")
                .param(idArray)
                .query((rs, n) -> new ServicePointView(rs.getLong("id"), rs.getLong("premise_id"),
                        ServiceType.valueOf(rs.getString("service_type")), rs.getString("label")))
                .list().stream().collect(Collectors.groupingBy(ServicePointView::premiseId));
        return jdbc.sql("select * from premises.premise where id = any(?) order by id").param(idArray)
                .query((rs, n) -> new PremiseView(rs.getLong("id"), PremiseType.valueOf(rs.getString("premise_type")),
                        rs.getString("line1"), rs.getString("line2"), rs.getString("city"), rs.getString("state"), rs.getString("zip"),
                        rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getString("map_location"),
                        rs.getString("feeder_id"), rs.getString("transformer_id"),
                        rs.getObject("owner_member_id") == null ? null : rs.getLong("owner_member_id"),
                        points.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    /** The premises that hold these service points. */
    public List<PremiseView> premisesOfServicePoints(Collection<Long> servicePointIds) {
        if (servicePointIds.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("select distinct premise_id from premises.service_point where id = any(?)")
                .param(servicePointIds.toArray(Long[]::new)).query(Long.class).list();
        return premises(ids);
    }

}
