package coop.switchboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The launcher's arguments split three ways: options for Spring ({@code --port}, {@code --data-dir}, database
 * settings, any {@code --name=value}), the command's words, and the command's own arguments.
 */
record LaunchOptions(boolean help, String command, List<String> commandArgs, List<String> springArgs) {

    static LaunchOptions parse(String[] args, Collection<String> commands) {
        List<String> spring = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                // Help anywhere means help: "demo --reset -h" must never run the command.
                case "-h", "--help" -> help = true;
                case "help" -> {
                    if (rest.isEmpty()) {
                        help = true;
                    } else {
                        rest.add(arg);
                    }
                }
                case "--port" -> spring.add("--server.port=" + integer(arg, value(args, ++i, arg)));
                case "--data-dir" -> spring.add("--switchboard.data-dir=" + value(args, ++i, arg));
                case "--db-url" -> spring.add("--spring.datasource.url=" + value(args, ++i, arg));
                case "--db-user" -> spring.add("--spring.datasource.username=" + value(args, ++i, arg));
                case "--db-password" -> spring.add("--spring.datasource.password=" + value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--port=")) {
                        spring.add("--server.port=" + integer("--port", arg.substring(7)));
                    } else if (arg.startsWith("--data-dir=")) {
                        spring.add("--switchboard.data-dir=" + arg.substring(11));
                    } else if (arg.startsWith("--") && arg.contains("=") && arg.indexOf('.') > 0 && arg.indexOf('.') < arg.indexOf('=')) {
                        spring.add(arg);
                    } else {
                        rest.add(arg);
                    }
                }
            }
        }
        if (help || rest.isEmpty()) {
            return new LaunchOptions(help, null, List.of(), spring);
        }
        String command = null;
        int words = 0;
        for (String candidate : commands) {
            String[] parts = candidate.split(" ");
            if (parts.length <= rest.size() && parts.length > words
                    && String.join(" ", rest.subList(0, parts.length)).equals(candidate)) {
                command = candidate;
                words = parts.length;
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("unknown command '" + String.join(" ", rest) + "'");
        }
        return new LaunchOptions(false, command, List.copyOf(rest.subList(words, rest.size())), spring);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String integer(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number, not '" + value + "'");
        }
    }
}
