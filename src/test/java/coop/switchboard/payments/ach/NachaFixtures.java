package coop.switchboard.payments.ach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The moov-io/ach files in ../shared/fixtures/nacha (Apache-2.0), and small edits of them for the tests. */
final class NachaFixtures {
    private NachaFixtures() {
    }

    static Path path(String name) {
        return Path.of("..", "shared", "fixtures", "nacha", name);
    }

    static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String content) {
        return content.lines().toList();
    }

    /** {@code content} with the characters from 1-based {@code position} of line {@code line} replaced. */
    static String edit(String content, int line, int position, String replacement) {
        List<String> lines = new ArrayList<>(lines(content));
        String old = lines.get(line - 1);
        lines.set(line - 1, old.substring(0, position - 1) + replacement + old.substring(position - 1 + replacement.length()));
        return String.join("\n", lines) + "\n";
    }

    /** {@code content} with line {@code line} replaced whole. */
    static String replaceLine(String content, int line, String replacement) {
        List<String> lines = new ArrayList<>(lines(content));
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }
}
