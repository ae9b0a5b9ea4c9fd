package coop.switchboard.platform;

import org.springframework.core.env.Environment;

import java.nio.file.Path;

/** The directory Switchboard keeps its state in ({@code --data-dir}, default {@code ./data}). */
record DataDirectory(Path root) {

    DataDirectory(Environment env) {
        this(Path.of(env.getProperty("switchboard.data-dir", "data")));
    }

    Path postgres() {
        return root.resolve("pg");
    }

    Path keys() {
        return root.resolve("keys");
    }
}
