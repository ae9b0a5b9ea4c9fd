package coop.switchboard.ledger;

import coop.switchboard.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AgingTests {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static Aging.Item item(int daysAgo, String amount) {
        return new Aging.Item(TODAY.minusDays(daysAgo), Money.of(amount));
    }

    @Test
    void paymentsPayTheOldestChargesFirst() {
        Aging aging = Aging.of(List.of(item(100, "80.00"), item(70, "90.00"), item(40, "100.00"), item(10, "110.00"),
                item(5, "-120.00")), TODAY);
        assertThat(aging.days90Plus()).isEqualTo(Money.ZERO);
        assertThat(aging.days60()).isEqualTo(Money.of("50.00"));
        assertThat(aging.days30()).isEqualTo(Money.of("100.00"));
        assertThat(aging.current()).isEqualTo(Money.of("110.00"));
        assertThat(aging.total()).isEqualTo(Money.of("260.00"));
        assertThat(aging.pastDue30()).isEqualTo(Money.of("150.00"));
    }

    @Test
    void aCreditBalanceIsCurrentAndNegativeAndLaterChargesUseItUp() {
        assertThat(Aging.of(List.of(item(50, "40.00"), item(45, "-100.00")), TODAY).current()).isEqualTo(Money.of("-60.00"));
        Aging used = Aging.of(List.of(item(50, "-100.00"), item(40, "70.00"), item(5, "50.00")), TODAY);
        assertThat(used.days30()).isEqualTo(Money.ZERO);
        assertThat(used.current()).isEqualTo(Money.of("20.00"));
    }

    @Test
    void theBucketsAlwaysAddUpToTheBalance() {
        long seed = System.nanoTime();
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int round = 0; round < 500; round++) {
            List<Aging.Item> items = new java.util.ArrayList<>();
            long sum = 0;
            int day = 200;
            for (int i = 0; i < rng.nextInt(1, 12); i++) {
                day -= rng.nextInt(0, 30);
                long cents = rng.nextLong(-20_000, 30_000);
                sum += cents;
                items.add(new Aging.Item(TODAY.minusDays(Math.max(0, day)), Money.ofCents(cents)));
            }
            Aging aging = Aging.of(items, TODAY);
            assertThat(aging.total()).as("seed %d round %d", seed, round).isEqualTo(Money.ofCents(sum));
            assertThat(List.of(aging.days30(), aging.days60(), aging.days90Plus())).as("seed %d", seed)
                    .allMatch(m -> m.signum() >= 0);
        }
    }
}
