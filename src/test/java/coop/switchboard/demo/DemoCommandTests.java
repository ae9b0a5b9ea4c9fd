package coop.switchboard.demo;

import coop.switchboard.demo.DemoCommand.Options;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTests {

    @Test
    void defaultsToFiveThousandMembersAndTheDemoSeed() {
        Options o = Options.parse(List.of());
        assertThat(o.error()).isNull();
        assertThat(o.members()).isEqualTo(5000);
        assertThat(o.seed()).isEqualTo(DemoUtility.DEFAULT_SEED);
        assertThat(o.reset()).isFalse();
    }

    @Test
    void acceptsAMillionMembersASeedAndReset() {
        Options o = Options.parse(List.of("--members", "1000000", "--seed=-7", "--reset"));
        assertThat(o.error()).isNull();
        assertThat(o.members()).isEqualTo(1_000_000);
        assertThat(o.seed()).isEqualTo(-7);
        assertThat(o.reset()).isTrue();
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertThat(Options.parse(List.of("--members", "lots")).error()).contains("--members").contains("lots");
        assertThat(Options.parse(List.of("--members", "0")).error()).contains("--members");
        assertThat(Options.parse(List.of("--members")).error()).contains("--members needs a value");
        assertThat(Options.parse(List.of("--seed", "1.5")).error()).contains("--seed");
        assertThat(Options.parse(List.of("--size", "5")).error()).contains("unknown option '--size'");
        assertThat(Options.parse(List.of("--reset=yes")).error()).contains("--reset");
    }
}
