package coop.switchboard.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A varied, seeded set of searches a CSR would type, each with the account it should find: names with a typo, partial
 * phone numbers, service addresses, account numbers, meter numbers and e-mail prefixes.
 */
final class SearchQueries {
    private SearchQueries() {
    }

    /** A search, the account it should find, and that account's name (to tell a miss from a page full of namesakes). */
    record Query(String kind, String text, long expectedAccountId, String expectedName) {
        Query(String kind, String text, long expectedAccountId) {
            this(kind, text, expectedAccountId, null);
        }
    }

    static List<Query> sample(JdbcClient jdbc, int count, long seed) {
        RandomGenerator random = java.util.random.RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
        long maxId = jdbc.sql("select coalesce(max(account_id), 0) from search.account_entry").query(Long.class).single();
        if (maxId == 0) {
            throw new IllegalStateException("the search index is empty");
        }
        List<Query> queries = new ArrayList<>(count);
        while (queries.size() < count) {
            long id = 1 + random.nextLong(maxId);
            var row = jdbc.sql("""
                            select account_id, account_number, display_name, phones,
                                   coalesce((select min(address) from search.email_entry m where m.account_id = e.account_id), ''),
                                   service_address, meters
                            from search.account_entry e where account_id >= ? and status = 'ACTIVE' order by account_id limit 1
                            """)
                    .param(id)
                    .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)})
                    .optional().orElse(null);
            if (row == null) {
                continue;
            }
            long accountId = Long.parseLong(row[0]);
            switch (queries.size() % 6) {
                case 0 -> queries.add(new Query("name-typo", typo(row[2].toLowerCase(), random), accountId, row[2]));
                case 1 -> {
                    String phone = row[3].split(" ")[0];
                    if (phone.length() == 10) {
                        queries.add(new Query("phone-partial", phone.substring(3, 6) + "-" + phone.substring(6), accountId));
                    }
                }
                case 2 -> {
                    if (row[5] != null) {
                        queries.add(new Query("address", row[5].split(",")[0], accountId));
                    }
                }
                case 3 -> queries.add(new Query("account-number", row[1], accountId));
                case 4 -> {
                    if (!row[6].isBlank()) {
                        queries.add(new Query("meter-number", row[6].split(" ")[0], accountId));
                    }
                }
                default -> {
                    if (!row[4].isBlank()) {
                        String email = row[4].split(" ")[0];
                        queries.add(new Query("email-prefix", email.substring(0, Math.min(email.length(), email.indexOf('@') + 4)), accountId));
                    } else {
                        queries.add(new Query("name-typo", typo(row[2].toLowerCase(), random), accountId, row[2]));
                    }
                }
            }
        }
        return queries;
    }

    /** One typing slip: a dropped, doubled or swapped letter somewhere after the first. */
    static String typo(String name, RandomGenerator random) {
        if (name.length() < 5) {
            return name;
        }
        int i = 1 + random.nextInt(name.length() - 3);
        if (name.charAt(i) == ' ' || name.charAt(i + 1) == ' ') {
            return name.substring(0, i) + name.substring(i, i + 1) + name.substring(i);
        }
        return switch (random.nextInt(3)) {
            case 0 -> name.substring(0, i) + name.substring(i + 1);
            case 1 -> name.substring(0, i) + name.charAt(i) + name.substring(i);
            default -> name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
        };
    }
}
