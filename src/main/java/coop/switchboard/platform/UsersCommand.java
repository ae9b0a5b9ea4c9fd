package coop.switchboard.platform;

import coop.switchboard.shared.CliCommand;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./switchboard users add NAME --roles ADMIN[,..] [--display-name "..."]}: how the first administrator of a
 * production database is made (outside demo mode there is no default password). The password comes from
 * {@code SWITCHBOARD_PASSWORD} or the first line of standard input, never from the command line.
 */
@Component
class UsersCommand implements CliCommand {
    private final StaffUsers users;
    private final Environment env;

    UsersCommand(StaffUsers users, Environment env) {
        this.users = users;
        this.env = env;
    }

    @Override
    public String name() {
        return "users add";
    }

    @Override
    public String summary() {
        return "add a staff user";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        String username = null;
        String displayName = null;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--roles" -> {
                    if (++i >= args.size()) {
                        throw new IllegalArgumentException("--roles needs a value such as ADMIN,SUPERVISOR");
                    }
                    for (String r : args.get(i).split(",")) {
                        try {
                            roles.add(Role.valueOf(r.trim().toUpperCase()));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--roles: unknown role '" + r + "' (roles: " + Arrays.toString(Role.values()) + ")");
                        }
                    }
                }
                case "--display-name" -> {
                    if (++i >= args.size()) {
                        throw new IllegalArgumentException("--display-name needs a value");
                    }
                    displayName = args.get(i);
                }
                default -> {
                    if (arg.startsWith("--") || username != null) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    username = arg;
                }
            }
        }
        if (username == null) {
            throw new IllegalArgumentException("usage: users add NAME --roles ADMIN[,SUPERVISOR,...] [--display-name \"Full Name\"]");
        }
        String password = env.getProperty("SWITCHBOARD_PASSWORD");
        if (password == null) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        StaffUsers.StaffUserView user = users.create(username, displayName == null ? username : displayName, password, roles);
        out.println("{\"command\":\"users add\",\"username\":\"" + user.username() + "\",\"roles\":\"" + user.roles() + "\"}");
        return 0;
    }
}
