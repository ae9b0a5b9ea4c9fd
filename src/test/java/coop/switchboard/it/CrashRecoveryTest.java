package coop.switchboard.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The server survives {@code kill -9}: a committed interaction is still there after the JVM is killed outright and
 * the server is started again on the same data directory, and that second start does not hang on the postmaster the
 * killed JVM left running. Runs the real launcher ({@code SwitchboardApplication.main}) as child JVMs.
 */
class CrashRecoveryTest {
    private static final String MAIN = "coop.switchboard.SwitchboardApplication";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<Process> children = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Path dataDir;

    @Test
    void aCommittedInteractionSurvivesKillMinus9AndTheNextStartRecoversTheOrphanedPostmaster() throws Exception {
        try {
            run();
        } catch (Throwable t) {
            dumpLogs();
            throw t;
        }
    }

    private void run() throws Exception {
        dataDir = temp.resolve("data");
        int port = freePort();
        Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = "sb_crash_" + HexFormat.of().formatHex(secret);

        // The server as a user starts it: the launcher's default command, a small demo cooperative, the demo API token
        // from the environment. The embedded PostgreSQL picks its own port, as in production (a fixed
        // switchboard.embedded.port would hide the hang this test is about: the next start's readiness check would
        // be answered by the orphaned postmaster listening on that port).
        Process first = start("first", port, token);
        Duration firstStart = awaitHealthy(first, port);
        System.out.printf("CrashRecoveryTest: first start healthy after %d ms%n", firstStart.toMillis());

        // Find an account through the API. The demo loads after the server is up, so wait for it.
        Instant healthy = Instant.now();
        JsonNode hit = awaitSearchHit(first, port, token);
        long accountId = hit.get("accountId").asLong();
        System.out.printf("CrashRecoveryTest: demo searchable %d ms later; using account %s%n",
                Duration.between(healthy, Instant.now()).toMillis(), hit.get("accountNumber").asString());

        String note = "Member called before the crash " + System.nanoTime();
        HttpResponse<String> posted = post(port, "/api/v1/accounts/" + accountId + "/interactions", token,
                "{\"kind\":\"CALL\",\"category\":\"General\",\"body\":\"" + note + "\"}");
        assertThat(posted.statusCode()).as("POST interaction: %s", posted.body()).isEqualTo(201);
        long interactionId = json.readTree(posted.body()).get("id").asLong();

        // kill -9: no shutdown hook runs, so the embedded postmaster is orphaned with its postmaster.pid.
        long postmasterPid = postmasterPid(pidFile).orElseThrow(() -> new AssertionError("no postmaster.pid in " + pidFile.getParent()));
        first.destroyForcibly();
        assertThat(first.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("killed JVM exits").isTrue();
        assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive))
                .as("the embedded postmaster (pid %d) outlives the killed JVM; without that this test proves nothing", postmasterPid)
                .contains(true);
        assertThat(postmasterPid(pidFile)).contains(postmasterPid);

        // The next start on the same data directory and port must stop the orphan and come up by itself.
        Process second = start("second", port, token);
        Duration secondStart = awaitHealthy(second, port);
        System.out.printf("CrashRecoveryTest: restart after kill -9 healthy after %d ms%n", secondStart.toMillis());
        assertThat(exited(postmasterPid, Duration.ofSeconds(5))).as("orphaned postmaster (pid %d) was stopped", postmasterPid).isTrue();
        assertThat(postmasterPid(pidFile)).as("a new postmaster owns the data directory").isPresent().isNotEqualTo(Optional.of(postmasterPid));

        HttpResponse<String> after = get(port, "/api/v1/accounts/" + accountId + "/interactions", token);
        assertThat(after.statusCode()).as("GET interactions: %s", after.body()).isEqualTo(200);
        JsonNode interactions = json.readTree(after.body());
        JsonNode ours = null;
        for (JsonNode interaction : interactions) {
            if (interaction.get("id").asLong() == interactionId) {
                ours = interaction;
            }
        }
        assertThat(ours).as("interaction %d among %s", interactionId, after.body()).isNotNull();
        assertThat(ours.get("body").asString()).isEqualTo(note);
        assertThat(ours.get("kind").asString()).isEqualTo("CALL");
        assertThat(ours.get("createdBy").asString()).isEqualTo("token:demo");

        // A graceful stop (SIGTERM) closes the embedded PostgreSQL too: nothing is left holding the data directory.
        long secondPostmaster = postmasterPid(pidFile).orElseThrow();
        second.destroy();
        assertThat(second.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("SIGTERM stops the server within %s", STOP_TIMEOUT).isTrue();
        assertThat(pidFile).as("clean shutdown removes postmaster.pid").doesNotExist();
        // PostgreSQL deletes postmaster.pid a moment before its process exits; give it that moment.
        assertThat(exited(secondPostmaster, Duration.ofSeconds(10))).as("postmaster (pid %d) stopped with the server", secondPostmaster).isTrue();
    }

    private Process start(String name, int port, String demoToken) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = temp.resolve(name + ".log");
        logs.add(log);
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MAIN,
                "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--switchboard.demo.enabled=true", "--switchboard.demo.members=20")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(temp.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SWITCHBOARD_"));
        builder.environment().put("SWITCHBOARD_DEMO_API_TOKEN", demoToken);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private Duration awaitHealthy(Process process, int port) throws InterruptedException {
        Instant started = Instant.now();
        Instant deadline = started.plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("server exited with status " + process.exitValue() + " before it was healthy");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.between(started, Instant.now());
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return fail("server not healthy within " + START_TIMEOUT + " (last: " + last + ")");
    }

    /** Polls the API's account search until the demo is loaded and the token registered (both happen after start-up). */
    private JsonNode awaitSearchHit(Process process, int port, String token) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("server exited with status " + process.exitValue() + " while loading the demo");
            }
            HttpResponse<String> r = get(port, "/api/v1/accounts?q=100&limit=5", token);
            if (r.statusCode() == 200) {
                JsonNode hits = json.readTree(r.body());
                if (!hits.isEmpty()) {
                    return hits.get(0);
                }
            }
            last = r.statusCode() + " " + r.body();
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return fail("no account found through the API within " + START_TIMEOUT + " (last: " + last + ")");
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Long> postmasterPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(long pid, Duration timeout) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.get().isAlive();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void dumpLogs() {
        for (Path log : logs) {
            try {
                System.out.println("===== " + log.getFileName() + " =====");
                System.out.println(Files.readString(log));
            } catch (IOException e) {
                System.out.println("(could not read " + log + ": " + e + ")");
            }
        }
    }

    @AfterEach
    void killEverythingLeft() throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        if (dataDir == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmasterPid(dataDir.resolve("pg").resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (postmaster.isPresent()) {
            ProcessHandle p = postmaster.get();
            List<ProcessHandle> backends = p.descendants().toList();
            p.destroy(); // SIGTERM: smart shutdown; its clients died with the JVM
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
            backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
