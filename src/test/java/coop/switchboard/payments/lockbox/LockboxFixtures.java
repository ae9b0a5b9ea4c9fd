package coop.switchboard.payments.lockbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The real bank files in {@code ../shared/fixtures/bai2}, and ways to spoil one line of them. */
final class LockboxFixtures {

    static final Path FOLDER = Path.of("..", "shared", "fixtures", "bai2");

    private LockboxFixtures() {
    }

    static String fixture(String name) {
        try {
            return Files.readString(FOLDER.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LockboxFile read(String name) {
        return LockboxReader.read(fixture(name));
    }

    /** The file with its line {@code number} (1-based) replaced; {@code null} removes the line. */
    static String withLine(String content, int number, String replacement) {
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        if (replacement == null) {
            lines.remove(number - 1);
        } else {
            lines.set(number - 1, replacement);
        }
        return String.join("\n", lines);
    }

    static String line(String content, int number) {
        return content.split("\n", -1)[number - 1];
    }
}
