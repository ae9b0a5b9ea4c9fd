package coop.switchboard.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * After {@code kill -9} of the JVM the embedded postmaster keeps running and holds {@code postmaster.pid}, and
 * a new start would wait and fail. This stops it with a fast shutdown (SIGINT: committed work is already in the
 * WAL) and, if it will not go, an immediate one; PostgreSQL's own crash recovery replays the WAL at the next start.
 */
final class OrphanedPostmaster {
    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    /**
     * The port of the PostgreSQL that another live Switchboard process runs on this data directory, if one does: that
     * process holds zonky's lock file ({@code epg-lock}) for as long as it lives, and the port is line 4 of
     * {@code postmaster.pid}. A postmaster whose JVM has died holds no lock: that one is an orphan.
     */
    static OptionalInt portOfLiveOwner(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return OptionalInt.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return OptionalInt.empty();
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("this process already runs PostgreSQL on " + dataDir);
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        if (lines.size() < 4 || readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
            throw new IllegalStateException("another process holds " + lockFile + " but no PostgreSQL is running there yet; try again in a moment");
        }
        return OptionalInt.of(Integer.parseInt(lines.get(3).trim()));
    }

    static void stopIfRunning(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            log.warn("Removing stale {} (no postmaster running)", pidFile);
            deleteQuietly(pidFile);
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", process.pid());
        signal("INT", process.pid());
        if (!waitForExit(process, Duration.ofSeconds(30))) {
            signal("QUIT", process.pid());
            if (!waitForExit(process, Duration.ofSeconds(10))) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(10));
            }
        }
        if (Files.exists(pidFile) && !process.isAlive()) {
            deleteQuietly(pidFile);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            log.warn("Could not signal pid {}: {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
