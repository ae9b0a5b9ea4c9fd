package coop.switchboard.shared;

import java.io.PrintStream;
import java.util.List;

/**
 * A job the {@code ./switchboard} command runs and then exits: {@code demo}, {@code bench search}, and
 * the commands later modules add. Modules publish them as beans; the launcher picks one by name.
 */
public interface CliCommand {

    /** The words that select the command, e.g. {@code "demo"} or {@code "bench search"}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Whether the command needs the HTTP server running (on a free port) while it works. */
    default boolean needsWebServer() {
        return false;
    }

    /** Runs the command with the arguments after its name; returns the process exit status. */
    int run(List<String> args, PrintStream out) throws Exception;
}
