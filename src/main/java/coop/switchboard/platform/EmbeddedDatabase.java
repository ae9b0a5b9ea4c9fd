package coop.switchboard.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Starts PostgreSQL 17 from the Maven jar on a persistent data directory unless {@code spring.datasource.url}
 * names a server. Durability is on (zonky turns fsync off by default). A postmaster orphaned by a {@code kill -9} of
 * an earlier JVM is shut down before the new one starts, so the next start recovers by itself; when another
 * Switchboard process is running on the same data directory (a command next to the server), this process uses that
 * process's PostgreSQL instead of starting a second one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoExternalDataSource.class)
class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean(destroyMethod = "close")
    EmbeddedCluster embeddedCluster(Environment env) throws IOException {
        boolean ephemeral = env.getProperty("switchboard.embedded.ephemeral", Boolean.class, false);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "60")
                // A modest cache; the operating system's page cache holds the rest. Without huge pages (a machine's
                // administrator sets those up) every backend takes a page fault the first time it touches each 4 kB of
                // shared memory: with 1 GB the million-bill run spent about 8 CPU-seconds of PostgreSQL's in those faults
                // (42.3 s against 37.7 s at 256 MB and 37.0 s at 128 MB, one after another on the same machine), more
                // than the extra copying from the page cache costs.
                .setServerConfig("shared_buffers", env.getProperty("switchboard.embedded.shared-buffers", "256MB"))
                .setServerConfig("wal_buffers", "64MB")
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                // A million-bill run writes about 2 GB of WAL; at 2 GB a checkpoint (and its full-page images) started
                // in the middle of it. Checkpoints come at most every 15 minutes or 8 GB of WAL; recovery after a crash
                // replays at most that.
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "15min")
                // The data sits on an SSD and mostly in memory: at the default 4 the planner answered a bill-run chunk's
                // lookups of 1,000 accounts by scanning whole tables (service points, meters, bills) into hash joins,
                // 150 ms a chunk at 100,000 accounts and growing with the tables, instead of 1,000 index probes.
                .setServerConfig("random_page_cost", "1.1")
                .setServerConfig("effective_cache_size", "8GB")
                .setServerConfig("listen_addresses", "localhost")
                // The database's "today" is the utility's business day, as the application's clock is.
                .setServerConfig("timezone", env.getProperty("switchboard.zone", "America/Los_Angeles"))
                // Stopped by this bean's close, after everything that uses the database (the event registry checks for
                // unfinished events as it shuts down); its own JVM hook would race Spring's and stop it first.
                .setRegisterShutdownHook(false);
        String port = env.getProperty("switchboard.embedded.port");
        if (port != null) {
            builder.setPort(Integer.parseInt(port));
        }
        if (ephemeral) {
            // Tests: a throw-away cluster; durability buys nothing there.
            return EmbeddedCluster.owned(builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start());
        }
        Path pgDir = new DataDirectory(env).postgres().toAbsolutePath();
        Files.createDirectories(pgDir);
        OptionalInt running = OrphanedPostmaster.portOfLiveOwner(pgDir);
        if (running.isPresent()) {
            log.info("Another Switchboard process is running on {}; using its PostgreSQL on port {}", pgDir, running.getAsInt());
            return EmbeddedCluster.shared(running.getAsInt());
        }
        OrphanedPostmaster.stopIfRunning(pgDir);
        log.info("Starting embedded PostgreSQL in {}", pgDir);
        return EmbeddedCluster.owned(builder.setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedCluster cluster, Environment env) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl() + "&reWriteBatchedInserts=true");
        config.setUsername("postgres");
        config.setMaximumPoolSize(env.getProperty("switchboard.embedded.pool-size", Integer.class, 12));
        config.setPoolName("switchboard");
        return new HikariDataSource(config);
    }

    /** The embedded PostgreSQL this process started (and stops), or the one another process on the data directory runs. */
    record EmbeddedCluster(EmbeddedPostgres owned, String jdbcUrl) implements AutoCloseable {
        static EmbeddedCluster owned(EmbeddedPostgres postgres) {
            return new EmbeddedCluster(postgres, postgres.getJdbcUrl("postgres", "postgres"));
        }

        static EmbeddedCluster shared(int port) {
            return new EmbeddedCluster(null, "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
        }

        @Override
        public void close() throws IOException {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** True when no external PostgreSQL is configured. */
    static class NoExternalDataSource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
