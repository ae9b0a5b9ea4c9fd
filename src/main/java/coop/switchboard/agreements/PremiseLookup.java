package coop.switchboard.agreements;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the premises a move can go to: by the words of an address as the CSR types them, and those a member owns.
 * The premises module has no address search yet, so this reads its table directly (read only).
 */
@Component
class PremiseLookup {
    private static final int MAX_WORDS = 6;
    private final JdbcClient jdbc;

    PremiseLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Premise ids whose address holds every typed word, in address order: a number is a whole number there (house
     * number or ZIP: 12 does not find 112), other words anywhere in the address (street, city, unit).
     */
    List<Long> matching(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String[] words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isBlank()).limit(MAX_WORDS).toArray(String[]::new);
        if (words.length == 0) {
            return List.of();
        }
        return jdbc.sql("""
                        select p.id from premises.premise p
                         where (select bool_and(case when w ~ '^[0-9]+$'
                                                     then a.address ~ ('(^|[^0-9])' || w || '([^0-9]|$)')
                                                     else strpos(a.address, w) > 0 end)
                                  from unnest(?::text[]) w,
                                       (select lower(concat_ws(' ', p.line1, p.line2, p.city, p.state, p.zip)) as address) a)
                         order by p.line1, p.city, p.id limit ?""")
                .params(words, Math.max(1, Math.min(limit, 100))).query(Long.class).list();
    }

    /** Premise ids the member owns (a landlord's rentals, a business's sites). */
    List<Long> ownedBy(long memberId) {
        return jdbc.sql("select id from premises.premise where owner_member_id = ? order by line1, id limit 200")
                .param(memberId).query(Long.class).list();
    }
}
