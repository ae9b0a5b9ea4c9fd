package coop.switchboard.demo;

import coop.switchboard.demo.Network.Site;
import coop.switchboard.demo.Towns.Town;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkTests {

    private static List<Site> lay(long seed, int count) {
        RandomGenerator rng = RandomGeneratorFactory.of(Cooperative.ALGORITHM).create(seed);
        Network network = new Network(rng);
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Town town = Towns.ALL.get(rng.nextInt(Towns.ALL.size()));
            if (rng.nextDouble() < 0.01) {
                Site building = network.building(town, 5 + rng.nextInt(11));
                sites.add(building);
            } else {
                sites.add(network.next(town, rng.nextBoolean()));
            }
        }
        return sites;
    }

    @Test
    void transformersFeedFiveToFifteenPremisesExceptTheOnesStillBeingFilled() {
        List<Site> sites = lay(11, 60_000);
        Map<String, Integer> perTransformer = new HashMap<>();
        Map<String, String> streetOf = new HashMap<>();
        for (Site s : sites) {
            // a building site stands for its units: count it as the five it feeds at least
            perTransformer.merge(s.transformer(), 1, Integer::sum);
            String previous = streetOf.putIfAbsent(s.transformer(), s.town().name() + "|" + s.streetName());
            assertThat(previous == null || previous.equals(s.town().name() + "|" + s.streetName()))
                    .as("transformer %s spans streets", s.transformer()).isTrue();
        }
        long buildings = perTransformer.values().stream().filter(n -> n == 1).count();
        long short_ = perTransformer.values().stream().filter(n -> n > 1 && n < Network.MIN_PER_TRANSFORMER).count();
        assertThat(perTransformer.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(Network.MAX_PER_TRANSFORMER));
        assertThat(short_).as("partly filled transformers, at most one per town and zone").isLessThanOrEqualTo(Towns.ALL.size() * 2L);
        assertThat(buildings).isPositive();
    }

    @Test
    void addressesNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (Site s : lay(12, 60_000)) {
            assertThat(seen.add(s.line1() + ", " + s.town().name())).as(s.line1()).isTrue();
        }
    }

    @Test
    void sameSeedLaysTheSameNetwork() {
        assertThat(lay(5, 2_000)).isEqualTo(lay(5, 2_000)).isNotEqualTo(lay(6, 2_000));
    }

    @Test
    void sitesLieNearTheirTownAndCarryAMapReference() {
        for (Site s : lay(13, 10_000)) {
            assertThat(Math.abs(s.latitude() - s.town().lat())).isLessThan(0.6);
            assertThat(Math.abs(s.longitude() - s.town().lon())).isLessThan(0.9);
            assertThat(s.mapLocation()).matches(s.rural() ? "T\\d{2}N R\\d{2}E S([1-9]|[12]\\d|3[0-6])" : "Map \\d{2,3}-[A-D]");
            assertThat(s.feeder()).matches("SUB\\d+-F[1-7]");
            assertThat(s.transformer()).matches("T-\\d{6}");
        }
    }

    @Test
    void townshipsAndRangesMatchTheSurveyGridOfNortheastWashington() {
        // Stevens County lies in townships 27-40 north, ranges 35-43 east of the Willamette Meridian.
        for (Town t : Towns.ALL) {
            String trs = Towns.townshipRangeSection(t.lat(), t.lon());
            int township = Integer.parseInt(trs.substring(1, trs.indexOf('N')));
            int range = Integer.parseInt(trs.substring(trs.indexOf('R') + 1, trs.indexOf('E')));
            assertThat(township).as(trs).isBetween(27, 40);
            assertThat(range).as(trs).isBetween(35, 46);
        }
    }
}
