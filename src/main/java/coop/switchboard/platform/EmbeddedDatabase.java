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

/**
 * Starts PostgreSQL 17 from the Maven jar on a persistent data directory unless {@code spring.datasource.url}
 * names a server. Durability is on (zonky turns fsync off by default), and a postmaster orphaned by a
 * {@code kill -9} of an earlier JVM is shut down before the new one starts, so the next start recovers by itself.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoExternalDataSource.class)
class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Environment env) throws IOException {
        boolean ephemeral = env.getProperty("switchboard.embedded.ephemeral", Boolean.class, false);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "60")
                .setServerConfig("shared_buffers", env.getProperty("switchboard.embedded.shared-buffers", "256MB"))
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("listen_addresses", "localhost");
        if (ephemeral) {
            // Tests: a throw-away cluster; durability buys nothing there.
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
        } else {
            Path pgDir = new DataDirectory(env).postgres();
            Files.createDirectories(pgDir.getParent());
            OrphanedPostmaster.stopIfRunning(pgDir);
            builder.setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            log.info("Starting embedded PostgreSQL in {}", pgDir.toAbsolutePath());
        }
        String port = env.getProperty("switchboard.embedded.port");
        if (port != null) {
            builder.setPort(Integer.parseInt(port));
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, Environment env) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        config.setUsername("postgres");
        config.setMaximumPoolSize(env.getProperty("switchboard.embedded.pool-size", Integer.class, 12));
        config.setPoolName("switchboard");
        return new HikariDataSource(config);
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
