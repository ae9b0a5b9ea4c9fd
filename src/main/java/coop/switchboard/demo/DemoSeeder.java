package coop.switchboard.demo;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * When the launcher starts the server in demo mode ({@code switchboard.demo.seed-on-start}), loads the demo
 * cooperative into an empty database and makes sure the demo users exist, printing how to sign in last, after
 * Spring's own start-up lines, so it is what the user sees.
 */
@Component
class DemoSeeder {
    private final DemoUtility demo;
    private final DemoAccess access;
    private final Environment env;

    DemoSeeder(DemoUtility demo, DemoAccess access, Environment env) {
        this.demo = demo;
        this.access = access;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!env.getProperty("switchboard.demo.seed-on-start", Boolean.class, false) || !demoEnabled(env)) {
            return;
        }
        PrintStream out = System.out;
        if (demo.memberCount() == 0) {
            int members = env.getProperty("switchboard.demo.members", Integer.class, DemoUtility.DEFAULT_MEMBERS);
            out.println("Loading the demo cooperative: " + members + " members (seed " + DemoUtility.DEFAULT_SEED + ")");
            demo.generate(members, DemoUtility.DEFAULT_SEED, out);
        } else if (demo.addTariffsIfNone()) {
            // A demo database from before tariffs existed gets the demo cooperative's rate schedules.
            out.println("Added the demo cooperative's rate schedules");
        }
        access.ensure(out);
    }

    /**
     * Demo mode (demo users, a printed password) is on by default only on the embedded database; a utility's own
     * PostgreSQL server gets it only when {@code switchboard.demo.enabled=true} says so.
     */
    static boolean demoEnabled(Environment env) {
        Boolean configured = env.getProperty("switchboard.demo.enabled", Boolean.class);
        if (configured != null) {
            return configured;
        }
        String url = env.getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }
}
