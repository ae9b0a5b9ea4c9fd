package coop.switchboard.demo;

import coop.switchboard.shared.CliCommand;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code switchboard demo [--members N] [--seed S] [--reset]}: loads the demo cooperative into an empty database,
 * or wipes the database first with {@code --reset}, then prints one JSON line with what it loaded.
 */
@Component
class DemoCommand implements CliCommand {
    static final int MAX_MEMBERS = 10_000_000;
    private final DemoUtility demo;
    private final DemoAccess access;

    private final Environment env;

    DemoCommand(DemoUtility demo, DemoAccess access, Environment env) {
        this.demo = demo;
        this.access = access;
        this.env = env;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "load a generated cooperative into an empty database (--members N, default "
                + DemoUtility.DEFAULT_MEMBERS + "; --seed S; --reset wipes the database first)";
    }

    /** The parsed arguments, or the error that names the bad option. */
    record Options(int members, long seed, boolean reset, String error) {
        static Options parse(List<String> args) {
            int members = DemoUtility.DEFAULT_MEMBERS;
            long seed = DemoUtility.DEFAULT_SEED;
            boolean reset = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (name) {
                    case "--reset" -> {
                        if (inline != null) {
                            return failed("--reset takes no value");
                        }
                        reset = true;
                    }
                    case "--members", "--seed" -> {
                        String value = inline != null ? inline : i + 1 < args.size() ? args.get(++i) : null;
                        if (value == null || value.isEmpty()) {
                            return failed(name + " needs a value");
                        }
                        if (name.equals("--members")) {
                            if (!value.matches("\\d{1,8}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_MEMBERS) {
                                return failed("--members must be a whole number from 1 to " + MAX_MEMBERS + ", not '" + value + "'");
                            }
                            members = Integer.parseInt(value);
                        } else {
                            if (!value.matches("-?\\d{1,18}")) {
                                return failed("--seed must be a whole number, not '" + value + "'");
                            }
                            seed = Long.parseLong(value);
                        }
                    }
                    default -> {
                        return failed("unknown option '" + arg + "' (expected --members N, --seed S or --reset)");
                    }
                }
            }
            return new Options(members, seed, reset, null);
        }

        private static Options failed(String error) {
            return new Options(0, 0, false, error);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        Options options = Options.parse(args);
        if (options.error() != null) {
            out.println("demo: " + options.error());
            return 2;
        }
        if (options.reset() && !DemoSeeder.demoEnabled(env)) {
            out.println("demo: --reset wipes every table; on this database (not the embedded one) it needs"
                    + " --switchboard.demo.enabled=true to say that is intended");
            return 2;
        }
        if (options.reset()) {
            out.println("wiping the database and migrating it afresh");
            demo.wipe();
        } else {
            long existing = demo.memberCount();
            if (existing > 0) {
                out.println("demo: the database already has " + existing + " members; run 'demo --reset' to wipe it"
                        + " and load a new demo cooperative");
                return 2;
            }
        }
        out.println("generating " + options.members() + " members from seed " + options.seed());
        DemoResult result = demo.generate(options.members(), options.seed(), out);
        access.ensure(out);
        out.printf(Locale.ROOT, "{\"command\":\"demo\",\"members\":%d,\"accounts\":%d,\"premises\":%d,\"meters\":%d,\"seconds\":%.1f}%n",
                result.members(), result.accounts(), result.premises(), result.meters(), result.millis() / 1000.0);
        return 0;
    }
}
