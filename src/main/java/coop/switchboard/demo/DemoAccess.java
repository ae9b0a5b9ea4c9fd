package coop.switchboard.demo;

import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffUsers;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's sign-in users (one per role) and its API token. A password or token set in the environment
 * ({@code SWITCHBOARD_DEMO_PASSWORD}, {@code SWITCHBOARD_DEMO_API_TOKEN}) is applied at every start; otherwise one
 * is generated the first time and shown once, like any other secret.
 */
@Component
public class DemoAccess {
    static final String PASSWORD_VARIABLE = "SWITCHBOARD_DEMO_PASSWORD";
    static final String TOKEN_VARIABLE = "SWITCHBOARD_DEMO_API_TOKEN";
    static final String TOKEN_NAME = "demo";

    record DemoUser(String username, String displayName, Set<Role> roles) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Dana Whitfield (demo administrator)", EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.CSR)),
            new DemoUser("supervisor", "Marcus Lindqvist (demo supervisor)", EnumSet.of(Role.SUPERVISOR, Role.CSR)),
            new DemoUser("csr", "Rosa Delgado (demo CSR)", EnumSet.of(Role.CSR)),
            new DemoUser("billing", "Janet Kowalski (demo billing)", EnumSet.of(Role.BILLING, Role.CSR)),
            new DemoUser("collections", "Tom Haugen (demo collections)", EnumSet.of(Role.COLLECTIONS, Role.CSR)));

    private static final String[] WORDS = {"alder", "amber", "aspen", "badger", "basalt", "beacon", "birch", "bison",
            "canyon", "cedar", "cinder", "clover", "comet", "copper", "coyote", "creek", "delta", "ember", "falcon",
            "fern", "fjord", "garnet", "glacier", "granite", "harbor", "hazel", "heron", "hollow", "juniper", "kestrel",
            "lantern", "larch", "lichen", "lupine", "maple", "marsh", "meadow", "mesa", "nugget", "oriole", "osprey",
            "otter", "pebble", "pine", "prairie", "quail", "quartz", "raven", "ridge", "river", "saddle", "sage",
            "spruce", "summit", "tamarack", "thistle", "timber", "trout", "tundra", "valley", "walnut", "willow",
            "wren", "yarrow"};

    private final StaffUsers staffUsers;
    private final ApiTokens apiTokens;
    private final Environment env;
    private final SecureRandom random = new SecureRandom();

    DemoAccess(StaffUsers staffUsers, ApiTokens apiTokens, Environment env) {
        this.staffUsers = staffUsers;
        this.apiTokens = apiTokens;
        this.env = env;
    }

    /** Creates the demo users and token if missing, applies any configured secrets, and prints how to sign in. */
    public void ensure(PrintStream out) {
        List<String> lines = new ArrayList<>();
        String running = env.getProperty("local.server.port");
        String port = running != null ? running : env.getProperty("server.port", "8080");
        String users = String.join(" / ", USERS.stream().map(DemoUser::username).toList());
        lines.add((running != null ? "Switchboard demo: sign in at " : "Switchboard demo: start the server, then sign in at ")
                + "http://localhost:" + port + "/");
        lines.add("as " + users);
        lines.addAll(passwords());
        lines.add("");
        lines.addAll(token());
        box(out, lines);
    }

    private List<String> passwords() {
        String configured = env.getProperty(PASSWORD_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            for (DemoUser u : USERS) {
                staffUsers.ensureDemoUser(u.username(), u.displayName(), configured, u.roles(), true);
            }
            return List.of("with the password in " + PASSWORD_VARIABLE + ".");
        }
        List<DemoUser> missing = USERS.stream().filter(u -> staffUsers.find(u.username()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return List.of("with the password printed when the demo was first started.",
                    "Forgot it? Set " + PASSWORD_VARIABLE + " and restart to reset all demo passwords.");
        }
        String password = readablePassword();
        for (DemoUser u : missing) {
            staffUsers.ensureDemoUser(u.username(), u.displayName(), password, u.roles(), false);
        }
        List<String> lines = new ArrayList<>();
        lines.add("with password " + password);
        if (missing.size() < USERS.size()) {
            lines.add("(new users: " + String.join(", ", missing.stream().map(DemoUser::username).toList())
                    + "; the others keep the password shown at the first start)");
        }
        lines.add("It is shown only now; to choose your own, set " + PASSWORD_VARIABLE + " and restart.");
        return lines;
    }

    private List<String> token() {
        String configured = env.getProperty(TOKEN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            try {
                apiTokens.register(TOKEN_NAME, configured.strip(), EnumSet.of(Role.CSR));
                return List.of("API token (role CSR): the value of " + TOKEN_VARIABLE + ".");
            } catch (InvalidInputException e) {
                return List.of(TOKEN_VARIABLE + " was not registered: it must be at least 16 characters.");
            }
        }
        boolean exists = apiTokens.list().stream()
                .anyMatch(t -> TOKEN_NAME.equals(t.name()) && t.revokedAt() == null);
        if (exists) {
            return List.of("API token: shown when the demo was first started; set " + TOKEN_VARIABLE,
                    "or issue a new one on the admin page.");
        }
        String token = apiTokens.issue(TOKEN_NAME, EnumSet.of(Role.CSR));
        return List.of("API token (role CSR): " + token,
                "Use it as: Authorization: Bearer <token>. It is shown only now.");
    }

    /** Four words and two digits: easy to read aloud and type, about 36 bits from a secure random source. */
    String readablePassword() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append('-');
        }
        return s.append(10 + random.nextInt(90)).toString();
    }

    private static void box(PrintStream out, List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "+" + "-".repeat(width + 2) + "+";
        out.println();
        out.println(rule);
        for (String line : lines) {
            out.println("| " + line + " ".repeat(width - line.length()) + " |");
        }
        out.println(rule);
        out.println();
        out.flush();
    }
}
