package coop.switchboard.billing;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.PrintStream;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code bill-run --cycle N --period YYYY-MM [--threads N]}: opens (or resumes) the cycle's bill run for the period,
 * bills it with a progress line per few seconds, and ends with one line of JSON. Run it again after a crash: it picks
 * up where the run stopped and never bills an agreement twice. Several processes may run it at once.
 */
@Configuration(proxyBeanMethods = false)
class BillingCommands {

    @Bean
    CliCommand billRunCommand(BillRunService runs) {
        return new CliCommand() {
            @Override
            public String name() {
                return "bill-run";
            }

            @Override
            public String summary() {
                return "bill a cycle for a period: bill-run --cycle N --period YYYY-MM [--threads N]";
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                Integer cycle = null;
                YearMonth period = null;
                int threads = 0;
                for (int i = 0; i < args.size(); i++) {
                    String arg = args.get(i);
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--cycle" -> cycle = number(arg, value);
                        case "--threads" -> threads = number(arg, value);
                        case "--period" -> {
                            try {
                                period = YearMonth.parse(value);
                            } catch (DateTimeParseException e) {
                                throw new IllegalArgumentException("--period '" + value + "' is not YYYY-MM");
                            }
                        }
                        default -> throw new IllegalArgumentException("unknown option '" + arg + "' (--cycle N --period YYYY-MM [--threads N])");
                    }
                }
                if (cycle == null || period == null) {
                    throw new IllegalArgumentException("usage: bill-run --cycle N --period YYYY-MM [--threads N]");
                }
                long started = System.nanoTime();
                BillRunView run = runs.start(cycle, period);
                out.printf("Bill run %d: cycle %d, %s, %s%,d accounts in %,d chunks, bill date %s, due %s%n", run.id(), run.cycle(),
                        run.period(), run.accountsEstimated() ? "about " : "", run.accounts(), run.chunks(), run.billDate(), run.dueDate());
                long[] lastPrint = {System.nanoTime()};
                BillRunView done = runs.work(run.id(), threads, progress -> {
                    if (System.nanoTime() - lastPrint[0] > 2_000_000_000L) {
                        lastPrint[0] = System.nanoTime();
                        synchronized (out) {
                            out.printf("  %3d%%  %,d of %,d chunks  %,d bills (%,d held)%n", progress.percent(), progress.chunksDone(),
                                    progress.chunks(), progress.bills(), progress.held());
                        }
                    }
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("  %s: %,d bills issued, %,d held for review%n", done.complete() ? "complete" : "stopped", done.issued(), done.held());
                out.printf("{\"command\":\"bill-run\",\"run\":%d,\"cycle\":%d,\"period\":\"%s\",\"accounts\":%d,\"accountsEstimated\":%b,"
                                + "\"issued\":%d,\"held\":%d,\"status\":\"%s\",\"seconds\":%.1f}%n", done.id(), done.cycle(), done.period(), done.accounts(),
                        done.accountsEstimated(), done.issued(), done.held(), done.status(), seconds);
                return done.complete() ? 0 : 1;
            }
        };
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
    }
}
