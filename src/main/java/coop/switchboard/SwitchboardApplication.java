package coop.switchboard;

import coop.switchboard.rates.TariffBillCommand;
import coop.switchboard.shared.CliCommand;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Switchboard's one entry point. With no command it serves the console, API and portal; with a command
 * ({@code demo}, {@code bench search}, ...) it starts the same application without (or with a throw-away) web server,
 * runs the job, and exits with its status. See {@link #COMMANDS} for what {@code --help} lists.
 */
@SpringBootApplication
public class SwitchboardApplication {

    /** Every command the launcher knows: words → one line of help. Modules implement them as {@link CliCommand} beans. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", "run the server (the default): console, API; seeds the demo utility into an empty database");
        COMMANDS.put("demo", "load the demo utility: demo [--members N] [--seed S] [--reset]");
        COMMANDS.put("bench search", "measure account search over HTTP on a 1,000,000-member database: bench search [--members N] [--queries N]");
        COMMANDS.put("tariff bill", "rate usage on a tariff file, month by month (no database): " + TariffBillCommand.USAGE);
        COMMANDS.put("tariff import", "import tariffs (YAML, or OpenEI URDB JSON) into the database: tariff import FILE [--code CODE]");
        COMMANDS.put("tariff export", "write tariffs from the database as YAML: tariff export [CODE ...] [--out FILE]");
        COMMANDS.put("tariff list", "list the rate schedules in the database and their versions");
        COMMANDS.put("bench rates", "JMH benchmarks of the rating engine (from ./switchboard; runs on the test classpath): bench rates [--quick]");
        COMMANDS.put("import reads", "import register reads from CSV: import reads FILE (docs/metering.md)");
        COMMANDS.put("import intervals", "import interval data from CSV: import intervals FILE (docs/metering.md)");
        COMMANDS.put("import greenbutton", "import a Green Button file into a meter's intervals: import greenbutton FILE --meter M");
        COMMANDS.put("export greenbutton", "write a meter's intervals as Green Button: export greenbutton --meter M --from YYYY-MM-DD --to YYYY-MM-DD (inclusive) --out FILE");
        COMMANDS.put("bench intervals", "interval import rate from a generated CSV: bench intervals [--readings N] (default 10,000,000)");
        COMMANDS.put("bench determinants", "determinants from a month of intervals for AMI agreements: bench determinants [--agreements N] (default 100,000)");
        COMMANDS.put("bill-run", "bill a cycle for a period (resumes a stopped run; never bills twice): bill-run --cycle N --period YYYY-MM [--threads N]");
        COMMANDS.put("bill-extract", "write a bill run's issued bills for the print vendor: bill-extract --run N [--format csv|json] --out FILE (docs/billing.md)");
        COMMANDS.put("journal export", "write the general-ledger journal (each day's debits and credits by GL account) as CSV: journal export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE");
        COMMANDS.put("bench billing", "time a bill run end-to-end on a generated database: bench billing [--accounts N] (default 100,000)");
        COMMANDS.put("lockbox import", "post a bank lockbox or remittance file (BAI2, BAI lockbox or CSV): lockbox import FILE (docs/payments.md)");
        COMMANDS.put("ach drafts", "write the NACHA autopay drafts file for bills due on a day: ach drafts --date YYYY-MM-DD --out FILE");
        COMMANDS.put("ach returns", "read the bank's ACH return and notification-of-change file: ach returns FILE");
        COMMANDS.put("refund checks", "write the positive-pay file of refund checks issued on a day: refund checks --date YYYY-MM-DD --out FILE");
        COMMANDS.put("bench payments", "a lockbox file of N payments end to end, then single payments through the REST API: bench payments [--payments N] [--api N] [--clients N]");
        COMMANDS.put("users add", "add a staff user: users add NAME --roles CSR,SUPERVISOR [--display-name \"...\"] (password from SWITCHBOARD_PASSWORD or stdin)");
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, COMMANDS.keySet());
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.err.println("Run ./switchboard --help for the commands and options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            printHelp(System.out);
            return;
        }
        if (options.command() == null || options.command().equals("serve")) {
            SpringApplication app = new SpringApplication(SwitchboardApplication.class);
            List<String> springArgs = new ArrayList<>(options.springArgs());
            springArgs.add("--switchboard.demo.seed-on-start=true");
            app.run(springArgs.toArray(String[]::new));
            return;
        }
        if (options.command().equals("bench rates")) {
            System.err.println("switchboard: 'bench rates' runs JMH from the test classes; start it with ./switchboard bench rates");
            System.exit(2);
            return;
        }
        if (options.command().equals("tariff bill")) {
            // Pure computation on files: no database, no Spring context, so it answers in well under a second.
            System.exit(TariffBillCommand.run(options.commandArgs(), System.out, System.err));
            return;
        }
        System.exit(runCommand(options));
    }

    private static int runCommand(LaunchOptions options) {
        // The command's own output goes to the real stdout, so its last line is its JSON; logs go to stderr.
        PrintStream out = System.out;
        System.setOut(System.err);
        boolean web = options.command().startsWith("bench");
        SpringApplication app = new SpringApplication(SwitchboardApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        List<String> springArgs = new ArrayList<>(options.springArgs());
        springArgs.add("--spring.main.banner-mode=off");
        springArgs.add("--logging.level.root=WARN");
        springArgs.add("--logging.level.coop.switchboard=INFO");
        if (web && options.springArgs().stream().noneMatch(a -> a.startsWith("--server.port="))) {
            springArgs.add("--server.port=0");
        }
        if (web && options.springArgs().stream().noneMatch(a -> a.startsWith("--switchboard.data-dir=") || a.startsWith("--spring.datasource.url="))) {
            // Benchmarks build their own large database; they never touch the demo in ./data unless told to.
            springArgs.add("--switchboard.data-dir=data-bench");
        }
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            CliCommand command = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(c -> c.name().equals(options.command())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no implementation of command " + options.command()));
            int status = command.run(options.commandArgs(), out);
            out.flush();
            return status;
        } catch (IllegalArgumentException | InvalidInputException e) {
            out.flush();
            System.err.println("switchboard " + options.command() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            out.flush();
            System.err.println("switchboard " + options.command() + " failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    static void printHelp(PrintStream out) {
        out.println("""
                Switchboard: customer information and billing for electric cooperatives and public utility districts.

                Usage: ./switchboard [options] [command [args]]

                Options (every command accepts them):
                  --port N            HTTP port of the server (default 8080)
                  --data-dir DIR      where the embedded PostgreSQL and the data key live (default ./data)
                  --db-url URL        use this PostgreSQL server instead of the embedded one (same as SPRING_DATASOURCE_URL)
                  --db-user USER      its user (SPRING_DATASOURCE_USERNAME)
                  --db-password PW    its password (SPRING_DATASOURCE_PASSWORD)
                  --name=value        any Spring property, e.g. --switchboard.demo.members=20000
                  -h, --help          this help

                Commands:""");
        COMMANDS.forEach((name, summary) -> out.printf("  %-14s %s%n", name, summary));
    }
}
