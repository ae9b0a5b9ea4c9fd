package coop.switchboard.payments;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.LedgerItems.Item;
import coop.switchboard.payments.Allocation.Applied;
import coop.switchboard.payments.Allocation.OpenCharge;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Which charges are open and how a payment pays them, worked out from ledger entries alone. */
class AllocationTests {
    private static final LocalDate JAN = LocalDate.of(2026, 1, 5);
    private final Allocation allocation = new Allocation(List.of("ARRANGEMENT", "DEPOSIT", "FEE"));

    private static Item charge(long id, LocalDate date, EntryKind kind, String category, String amount) {
        return new Item(id, 1, date, kind, category, new BigDecimal(amount), "BILL", id, null);
    }

    private static Item payment(long id, long paymentId, String amount) {
        return new Item(id, 1, JAN.plusMonths(3), EntryKind.PAYMENT, null, new BigDecimal(amount).negate(), "PAYMENT", paymentId, null);
    }

    private static Item reversal(long id, long of, String amount) {
        return new Item(id, 1, JAN.plusMonths(4), EntryKind.REVERSAL, null, new BigDecimal(amount), "BILL", 0, of);
    }

    private static List<String> open(List<OpenCharge> charges) {
        return charges.stream().map(c -> c.entryId() + "=" + c.open().toPlainString()).toList();
    }

    @Test
    void arrangementInstallmentsThenDepositsThenFeesArePaidBeforeOlderCharges() {
        List<Item> items = List.of(charge(1, JAN, EntryKind.CHARGE, "ENERGY", "100.00"), charge(2, JAN.plusMonths(1), EntryKind.FEE, "LATE", "10.00"),
                charge(3, JAN.plusMonths(2), EntryKind.DEPOSIT, null, "75.00"), charge(4, JAN.plusMonths(2), EntryKind.CHARGE, "ARRANGEMENT", "40.00"));
        List<OpenCharge> open = allocation.openCharges(items, Map.of());
        assertThat(open(open)).containsExactly("4=40.00", "3=75.00", "2=10.00", "1=100.00");
        assertThat(Allocation.apply(new BigDecimal("130.00"), open)).containsExactly(new Applied(4L, new BigDecimal("40.00")),
                new Applied(3L, new BigDecimal("75.00")), new Applied(2L, new BigDecimal("10.00")), new Applied(1L, new BigDecimal("5.00")));
    }

    @Test
    void aChargeTakenBackAfterItWasPaidLeavesThePaymentAsACreditForTheOthers() {
        List<Item> items = List.of(charge(1, JAN, EntryKind.CHARGE, "ENERGY", "60.00"), charge(2, JAN.plusMonths(1), EntryKind.CHARGE, "ENERGY", "50.00"),
                payment(3, 900, "60.00"), reversal(4, 1, "-60.00"));
        List<OpenCharge> open = allocation.openCharges(items, Map.of(900L, List.of(new Applied(1L, new BigDecimal("60.00")))));
        // 60 paid charge 1; charge 1 was then taken back, so the 60 pays charge 2 (50) and leaves 10 of credit.
        assertThat(open).isEmpty();
        assertThat(Allocation.apply(new BigDecimal("5.00"), open)).containsExactly(new Applied(null, new BigDecimal("5.00")));
    }

    @Test
    void aReversedPaymentReopensWhatItPaidAndCreditsWithoutAllocationsPayOldestFirst() {
        List<Item> items = new ArrayList<>(List.of(charge(1, JAN, EntryKind.CHARGE, "ENERGY", "30.00"),
                charge(2, JAN.plusMonths(1), EntryKind.CHARGE, "ENERGY", "30.00"), payment(3, 901, "30.00")));
        Map<Long, List<Applied>> paid = Map.of(901L, List.of(new Applied(2L, new BigDecimal("30.00"))));
        assertThat(open(allocation.openCharges(items, paid))).containsExactly("1=30.00");
        items.add(new Item(5, 1, JAN.plusMonths(5), EntryKind.REVERSAL, null, new BigDecimal("30.00"), "PAYMENT", 901, 3L));
        assertThat(open(allocation.openCharges(items, paid))).containsExactly("1=30.00", "2=30.00");
        // A credit adjustment (no allocations) pays the oldest first.
        items.add(new Item(6, 1, JAN.plusMonths(5), EntryKind.ADJUSTMENT, null, new BigDecimal("-40.00"), "ADJUSTMENT", 1, null));
        assertThat(open(allocation.openCharges(items, paid))).containsExactly("2=20.00");
    }

    @Test
    void whatIsOpenAlwaysAddsUpToTheBalanceWhenTheAccountOwes() {
        Random random = new Random(20261124);
        for (int round = 0; round < 500; round++) {
            List<Item> items = new ArrayList<>();
            long id = 1;
            BigDecimal balance = BigDecimal.ZERO;
            for (int i = 0; i < 12; i++) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(20_000) + 1, 2);
                boolean credit = random.nextInt(3) == 0;
                EntryKind kind = credit ? EntryKind.ADJUSTMENT : List.of(EntryKind.CHARGE, EntryKind.FEE, EntryKind.DEPOSIT).get(random.nextInt(3));
                Item item = new Item(id, 1, JAN.plusDays(random.nextInt(300)), kind, null, credit ? amount.negate() : amount, "X", id, null);
                items.add(item);
                balance = balance.add(item.amount());
                id++;
            }
            BigDecimal open = allocation.openCharges(items, Map.of()).stream().map(OpenCharge::open).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(open).as("round %d", round).isEqualByComparingTo(balance.max(BigDecimal.ZERO));
        }
    }
}
