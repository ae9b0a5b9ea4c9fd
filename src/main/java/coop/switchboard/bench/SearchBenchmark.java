package coop.switchboard.bench;

import coop.switchboard.demo.DemoUtility;
import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.shared.CliCommand;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * {@code ./switchboard bench search}: builds (or reuses) a database of {@code --members} members (default 1,000,000)
 * in {@code ./data-bench}, then sends a varied, seeded set of searches one after another through the HTTP API with a
 * real API token, as an integration or the console would, and reports latency percentiles and how often the intended
 * account came back.
 */
@Component
class SearchBenchmark implements CliCommand {
    private static final long SEED = 20261123L;
    private static final int LIMIT = 20;
    private final JdbcClient jdbc;
    private final DemoUtility demo;
    private final ApiTokens tokens;
    private final Environment env;

    SearchBenchmark(JdbcClient jdbc, DemoUtility demo, ApiTokens tokens, Environment env) {
        this.jdbc = jdbc;
        this.demo = demo;
        this.tokens = tokens;
        this.env = env;
    }

    @Override
    public String name() {
        return "bench search";
    }

    @Override
    public String summary() {
        return "account search latency over HTTP";
    }

    @Override
    public boolean needsWebServer() {
        return true;
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        int members = 1_000_000;
        int queries = 2_000;
        int warmup = 300;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--members" -> members = positive("--members", args, ++i);
                case "--queries" -> queries = positive("--queries", args, ++i);
                case "--warmup" -> warmup = positive("--warmup", args, ++i);
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "' (options: --members N, --queries N, --warmup N, --verbose)");
            }
        }
        long present = jdbc.sql("select count(*) from members.member").query(Long.class).single();
        Double loadSeconds = null;
        if (present != members) {
            if (present > 0) {
                out.println("The database holds " + present + " members, not " + members + ": rebuilding it.");
                demo.wipe();
            }
            out.println("Loading a " + members + "-member demo utility (COPY)...");
            long started = System.nanoTime();
            demo.generate(members, SEED, out);
            loadSeconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "Loaded in %.1f s%n", loadSeconds);
        } else {
            out.println("Reusing the " + present + "-member database.");
        }

        List<SearchQueries.Query> set = SearchQueries.sample(jdbc, queries + warmup, SEED);
        String token = tokens.issue("bench search", Set.of(Role.CSR));
        String base = "http://localhost:" + env.getProperty("local.server.port") + "/api/v1/accounts?limit=" + LIMIT + "&q=";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try {
            return measure(set, warmup, queries, http, base, token, members, loadSeconds, verbose, out);
        } finally {
            tokens.revoke(token);
        }
    }

    private int measure(List<SearchQueries.Query> set, int warmup, int queries, HttpClient http, String base, String token,
                        int members, Double loadSeconds, boolean verbose, PrintStream out) throws Exception {
        for (SearchQueries.Query q : set.subList(0, warmup)) {
            send(http, base, token, q);
        }
        long[] nanos = new long[queries];
        int found = 0;
        Map<String, List<Long>> byKind = new TreeMap<>();
        Map<String, Integer> foundByKind = new TreeMap<>();
        Map<String, Integer> namesakesByKind = new TreeMap<>();
        int namesakes = 0;
        for (int i = 0; i < queries; i++) {
            SearchQueries.Query q = set.get(warmup + i);
            long t0 = System.nanoTime();
            String body = send(http, base, token, q);
            nanos[i] = System.nanoTime() - t0;
            byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(nanos[i]);
            if (body.contains("\"accountId\":" + q.expectedAccountId() + ",")) {
                found++;
                foundByKind.merge(q.kind(), 1, Integer::sum);
            } else if (q.expectedName() != null && body.contains("\"displayName\":\"" + q.expectedName() + "\"")) {
                // The account is one of more namesakes than fit on the page: the right name came back, but a name alone
                // cannot single this member out.
                namesakes++;
                namesakesByKind.merge(q.kind(), 1, Integer::sum);
            } else if (verbose) {
                out.println("not found: " + q.kind() + " '" + q.text() + "' (account " + q.expectedAccountId() + ")");
            }
        }
        byKind.forEach((kind, list) -> {
            long[] k = list.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "%-15s %5d queries  p50 %6.2f ms  p95 %6.2f ms  found %5.1f%%  namesake on page %5.1f%%%n",
                    kind, k.length, ms(k, 0.5), ms(k, 0.95), 100.0 * foundByKind.getOrDefault(kind, 0) / k.length,
                    100.0 * namesakesByKind.getOrDefault(kind, 0) / k.length);
        });
        Arrays.sort(nanos);
        out.println(String.format(Locale.ROOT,
                "{\"bench\":\"search\",\"members\":%d,\"queries\":%d,\"p50Ms\":%.2f,\"p95Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,\"foundRate\":%.3f,\"namesakeOnPageRate\":%.3f%s}",
                members, queries, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6,
                (double) found / queries, (double) namesakes / queries, loadSeconds == null ? "" : String.format(Locale.ROOT, ",\"loadSeconds\":%.1f", loadSeconds)));
        return 0;
    }

    private static String send(HttpClient http, String base, String token, SearchQueries.Query q) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + URLEncoder.encode(q.text(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search for '" + q.text() + "' answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double ms(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static int positive(String option, List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a number");
        }
        try {
            int n = Integer.parseInt(args.get(i).replace("_", "").replace(",", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive whole number, not '" + args.get(i) + "'");
        }
    }
}
