package coop.switchboard.demo;

import coop.switchboard.platform.CopyRows;
import coop.switchboard.shared.CheckDigit;
import coop.switchboard.shared.SensitiveData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The generator without a database: determinism, referential order, and the shape of the cooperative. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CooperativeTests {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    static final int MEMBERS = 6_000;

    /** Seals as the identity: sealed values read back as the plaintext, so tests can check them. */
    static final SensitiveData CLEAR = new SensitiveData() {
        @Override
        public byte[] encrypt(String plaintext) {
            return plaintext.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decrypt(byte[] ciphertext) {
            return new String(ciphertext, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] matchHash(String normalised) {
            return ("hash:" + normalised).getBytes(StandardCharsets.UTF_8);
        }
    };

    List<Batch> batches;
    Map<String, List<String[]>> rows;

    static List<Batch> generate(long seed, int members, int flushChars) {
        List<Batch> out = new ArrayList<>();
        new Cooperative(seed, members, LocalDate.ofInstant(NOW, ZONE), ZONE, NOW, CLEAR).flushingEvery(flushChars).run(out::add);
        return out;
    }

    /** Each table's rows in order, whatever the batches they came in. */
    static Map<String, String> text(List<Batch> batches) {
        Map<String, StringBuilder> tables = new java.util.TreeMap<>();
        for (Batch b : batches) {
            for (CopyRows r : b.tables) {
                tables.computeIfAbsent(r.table(), k -> new StringBuilder()).append(r.text());
            }
        }
        Map<String, String> out = new java.util.TreeMap<>();
        tables.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    @BeforeAll
    void generate() {
        batches = generate(DemoUtility.DEFAULT_SEED, MEMBERS, 256 * 1024);
        rows = new HashMap<>();
        for (Batch b : batches) {
            for (CopyRows r : b.tables) {
                List<String[]> list = rows.computeIfAbsent(r.table(), k -> new ArrayList<>());
                for (String line : r.text().toString().split("\n")) {
                    if (!line.isEmpty()) {
                        list.add(line.split("\t", -1));
                    }
                }
            }
        }
    }

    @Test
    void sameSeedAndSizeGiveTheSameCooperativeRowForRow() {
        Map<String, String> first = text(generate(99, 1_500, Batch.FLUSH_CHARS));
        assertThat(text(generate(99, 1_500, 64 * 1024))).isEqualTo(first);
        assertThat(text(generate(100, 1_500, Batch.FLUSH_CHARS))).isNotEqualTo(first);
    }

    @Test
    void writesExactlyTheMembersAskedForNumberedFromOne() {
        List<String[]> members = rows.get("members.member");
        assertThat(members).hasSize(MEMBERS);
        Set<Long> ids = new HashSet<>();
        members.forEach(m -> ids.add(Long.parseLong(m[0])));
        assertThat(ids).hasSize(MEMBERS).contains(1L, (long) MEMBERS);
        assertThat(members).allSatisfy(m -> assertThat(m[15]).isEqualTo(Long.toString(100_000 + Long.parseLong(m[0]))));
    }

    @Test
    void everyRowRefersOnlyToRowsInTheSameOrAnEarlierBatch() {
        assertThat(batches.size()).isGreaterThan(5);
        Set<String> members = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        Set<String> premises = new HashSet<>();
        Set<String> meters = new HashSet<>();
        for (Batch b : batches) {
            collect(b.member, members);
            refer(b.phone, 1, members);
            refer(b.email, 1, members);
            refer(b.account, 2, members);
            collect(b.account, accounts);
            refer(b.authorizedParty, 1, accounts);
            refer(b.interaction, 1, accounts);
            collect(b.premise, premises);
            refer(b.servicePoint, 1, premises);
            collect(b.meter, meters);
            refer(b.meterInstallation, 1, meters);
            refer(b.serviceAgreement, 1, accounts);
        }
        assertThat(rows.get("premises.premise")).allSatisfy(p -> assertThat(p[12].equals("\\N") || members.contains(p[12])).isTrue());
    }

    private static void collect(CopyRows rows, Set<String> ids) {
        for (String line : rows.text().toString().split("\n")) {
            if (!line.isEmpty()) {
                ids.add(line.substring(0, line.indexOf('\t')));
            }
        }
    }

    private static void refer(CopyRows rows, int column, Set<String> ids) {
        for (String line : rows.text().toString().split("\n")) {
            if (!line.isEmpty()) {
                String id = line.split("\t", -1)[column];
                if (!ids.contains(id)) {
                    fail("%s row %s refers to %s, not written yet", rows.table(), line, id);
                }
            }
        }
    }

    @Test
    void accountNumbersFollowIdsAndCarryCheckDigits() {
        assertThat(rows.get("members.account")).allSatisfy(a -> {
            assertThat(CheckDigit.isValid(a[1])).as(a[1]).isTrue();
            assertThat(a[1]).isEqualTo(CheckDigit.append(1_000_000 + Long.parseLong(a[0])));
        });
    }

    @Test
    void sealedTaxIdsMatchTheirLastFourAndPersonsHaveBirthDates() {
        for (String[] m : rows.get("members.member")) {
            String taxId = new String(java.util.HexFormat.of().parseHex(m[7].substring(3)), StandardCharsets.UTF_8);
            assertThat(taxId).matches("\\d{9}").endsWith(m[9]);
            if (m[1].equals("PERSON")) {
                assertThat(m[4]).isNotEqualTo("\\N");
                assertThat(m[6]).isEqualTo(m[2] + " " + m[4]);
                String birth = new String(java.util.HexFormat.of().parseHex(m[10].substring(3)), StandardCharsets.UTF_8);
                assertThat(LocalDate.parse(birth)).isBefore(LocalDate.parse(m[16]).minusYears(18));
            } else {
                assertThat(m[5]).isEqualTo(m[6]);
                assertThat(m[10]).isEqualTo("\\N");
            }
        }
    }

    @Test
    void looksLikeARuralCooperative() {
        List<String[]> members = rows.get("members.member");
        double businesses = share(members, m -> m[1].equals("BUSINESS"));
        double spanish = share(members, m -> m[14].equals("ES"));
        double elsewhere = share(members, m -> !Set.of("Tamarack Falls", "Ruby Creek", "Pinecrest", "Larkspur", "Calder").contains(m[20]));
        assertThat(businesses).isBetween(0.05, 0.12);
        assertThat(spanish).isBetween(0.08, 0.18);
        assertThat(elsewhere).isBetween(0.03, 0.2);

        List<String[]> premises = rows.get("premises.premise");
        assertThat((double) premises.size() / MEMBERS).isBetween(1.05, 1.25);
        List<String[]> residential = premises.stream().filter(p -> p[1].equals("RESIDENTIAL")).toList();
        assertThat((double) residential.size() / premises.size()).isGreaterThan(0.75);
        assertThat(share(residential, p -> !p[12].equals("\\N"))).isBetween(0.14, 0.26);
        assertThat(premises).extracting(p -> p[1]).contains("SMALL_COMMERCIAL", "LARGE_POWER", "IRRIGATION", "PUBLIC_LIGHTING");

        Map<String, Integer> activePerMember = new HashMap<>();
        rows.get("members.account").stream().filter(a -> a[3].equals("ACTIVE")).forEach(a -> activePerMember.merge(a[2], 1, Integer::sum));
        double multi = (double) activePerMember.values().stream().filter(n -> n >= 2).count() / MEMBERS;
        assertThat(multi).isBetween(0.03, 0.08);
        assertThat(rows.get("members.account")).extracting(a -> a[3]).contains("ACTIVE", "FINAL", "CLOSED", "PENDING", "WRITTEN_OFF");

        List<String[]> points = rows.get("premises.service_point");
        assertThat(share(points, p -> p[2].equals("WATER")) * points.size() / premises.size()).isBetween(0.12, 0.3);
        assertThat(share(points, p -> p[2].equals("FIBER")) * points.size() / premises.size()).isBetween(0.18, 0.32);
        assertThat(share(rows.get("metering.meter"), m -> m[2].equals("ELECTRIC") && m[6].equals("t"))).isGreaterThan(0.6);
    }

    @Test
    void interactionsAreRecentAndWrittenAsStaffWriteThem() {
        Instant twoYearsAgo = NOW.minusSeconds(2L * 366 * 24 * 3600);
        for (String[] i : rows.get("members.interaction")) {
            assertThat(i[2]).isIn("CALL", "EMAIL", "WALK_IN", "LETTER", "NOTE");
            assertThat(i[4]).doesNotContain("{").doesNotContain("}");
            assertThat(i[5]).isIn("csr", "billing", "collections", "supervisor");
            assertThat(Instant.parse(i[6])).isBefore(NOW);
        }
        assertThat(rows.get("members.interaction")).anySatisfy(i -> assertThat(i[4]).contains("Spoke in Spanish"));
        assertThat(rows.get("members.interaction")).filteredOn(i -> !i[3].equals("Payment arrangement"))
                .allSatisfy(i -> assertThat(Instant.parse(i[6])).isAfter(twoYearsAgo));
    }

    private static double share(List<String[]> list, java.util.function.Predicate<String[]> test) {
        return (double) list.stream().filter(test).count() / list.size();
    }
}
