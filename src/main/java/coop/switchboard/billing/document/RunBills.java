package coop.switchboard.billing.document;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A bill run's issued bills a page at a time, in bill id order, with their accounts looked up a page at once. */
@Component
class RunBills {
    static final int PAGE = 500;
    private final JdbcClient jdbc;
    private final MemberService members;

    RunBills(JdbcClient jdbc, MemberService members) {
        this.jdbc = jdbc;
        this.members = members;
    }

    /** An issued bill and the account it is for. */
    record Ref(long billId, long accountId) {
    }

    /** Hands each page of the run's issued bills to {@code page} until none is left or it answers false. */
    void forEachPage(long runId, Predicate<List<Ref>> page) {
        long after = 0;
        while (true) {
            List<Ref> refs = jdbc.sql("""
                            select id, account_id from billing.bill where run_id = ? and status = 'ISSUED' and id > ?
                             order by id limit ?""")
                    .params(runId, after, PAGE).query((rs, n) -> new Ref(rs.getLong(1), rs.getLong(2))).list();
            if (refs.isEmpty() || !page.test(refs)) {
                return;
            }
            after = refs.getLast().billId();
        }
    }

    Map<Long, AccountView> accounts(List<Ref> refs) {
        Map<Long, AccountView> byId = new HashMap<>();
        members.accounts(refs.stream().map(Ref::accountId).distinct().toList()).forEach(a -> byId.put(a.id(), a));
        return byId;
    }
}
