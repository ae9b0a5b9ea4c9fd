package coop.switchboard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTests {
    private static final List<String> COMMANDS = List.copyOf(SwitchboardApplication.COMMANDS.keySet());

    @Test
    void noArgumentsMeansServe() {
        LaunchOptions o = LaunchOptions.parse(new String[]{}, COMMANDS);
        assertThat(o.command()).isNull();
        assertThat(o.help()).isFalse();
    }

    @Test
    void mapsPortAndDataDirToSpringPropertiesWherEverTheyStand() {
        LaunchOptions o = LaunchOptions.parse(new String[]{"demo", "--members", "20000", "--data-dir", "/tmp/x", "--port", "9090"}, COMMANDS);
        assertThat(o.command()).isEqualTo("demo");
        assertThat(o.commandArgs()).containsExactly("--members", "20000");
        assertThat(o.springArgs()).containsExactly("--switchboard.data-dir=/tmp/x", "--server.port=9090");
    }

    @Test
    void picksTheLongestMatchingCommand() {
        LaunchOptions o = LaunchOptions.parse(new String[]{"bench", "search", "--queries", "10"}, COMMANDS);
        assertThat(o.command()).isEqualTo("bench search");
        assertThat(o.commandArgs()).containsExactly("--queries", "10");
    }

    @Test
    void passesSpringPropertiesAndDatabaseSettingsThrough() {
        LaunchOptions o = LaunchOptions.parse(new String[]{"--db-url", "jdbc:postgresql://db/sb", "--db-user", "sb",
                "--switchboard.demo.members=100"}, COMMANDS);
        assertThat(o.springArgs()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/sb",
                "--spring.datasource.username=sb", "--switchboard.demo.members=100");
    }

    @Test
    void rejectsUnknownCommandsAndBadPortsByName() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"frobnicate"}, COMMANDS)).hasMessageContaining("unknown command 'frobnicate'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--port", "eighty"}, COMMANDS)).hasMessageContaining("--port");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--data-dir"}, COMMANDS)).hasMessageContaining("--data-dir needs a value");
    }

    @Test
    void helpListsEveryCommand() {
        var bytes = new java.io.ByteArrayOutputStream();
        SwitchboardApplication.printHelp(new java.io.PrintStream(bytes, true));
        assertThat(bytes.toString()).contains("demo", "bench search", "users add", "--data-dir", "--port");
        assertThat(LaunchOptions.parse(new String[]{"--help"}, COMMANDS).help()).isTrue();
        LaunchOptions late = LaunchOptions.parse(new String[]{"demo", "--reset", "-h"}, COMMANDS);
        assertThat(late.help()).as("help after a command never runs the command").isTrue();
        assertThat(late.command()).isNull();
    }
}
