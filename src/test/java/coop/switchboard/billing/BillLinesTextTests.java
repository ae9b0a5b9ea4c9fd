package coop.switchboard.billing;

import coop.switchboard.rates.BillLine;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.UnitPrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text a segment's lines are stored as, which the billing.bill_line view reads apart. */
class BillLinesTextTests {
    private static BillLine line(String description, String quantity, String unit, String price, String amount) {
        return new BillLine("energy", "usage", description, quantity == null ? null : new Quantity(new BigDecimal(quantity)), unit,
                price == null ? null : new UnitPrice(new BigDecimal(price)), new Money(new BigDecimal(amount)));
    }

    @Test
    void linesAreRecordsOfSevenFieldsWithEmptyFieldsForWhatIsMissing() {
        String text = BillLinesText.encode(List.of(line("Energy, first 1,000 kWh", "1000", "kWh", "0.0912", "91.20"),
                new BillLine("fixed", "fixed", "Customer charge", null, null, null, Money.of("32.50"))));
        assertThat(text.split("\u001e")).containsExactly(
                "energy\u001fusage\u001fEnergy, first 1,000 kWh\u001f1000.0000\u001fkWh\u001f0.091200\u001f91.20",
                "fixed\u001ffixed\u001fCustomer charge\u001f\u001f\u001f\u001f32.50");
    }

    @Test
    void separatorsInsideAFieldBecomeSpacesAndNumbersAreNeverInExponentForm() {
        String text = BillLinesText.encode(List.of(line("a\u001eb\u001fc", "1E+3", "kWh", "0.000001", "-1.5E+1")));
        assertThat(text).isEqualTo("energy\u001fusage\u001fa b c\u001f1000.0000\u001fkWh\u001f0.000001\u001f-15.00");
    }

    @Test
    void aNumberTooLargeForItsColumnIsRefused() {
        // quantity numeric(16,4): 12 whole digits; 999999999999.99996 rounds to 1,000,000,000,000.0000, 13 digits.
        assertThatThrownBy(() -> BillLinesText.encode(List.of(line("Big", "999999999999.99996", "kWh", "1", "1.00"))))
                .hasMessageContaining("quantity").hasMessageContaining("at most 12 digits");
        assertThatThrownBy(() -> BillLinesText.encode(List.of(line("Big", "1", "kWh", "1", "10000000000000.00"))))
                .hasMessageContaining("amount").hasMessageContaining("at most 13 digits");
        assertThat(BillLinesText.encode(List.of(line("Edge", "999999999999.99994", "kWh", "123456.1234567", "9999999999999.99"))))
                .contains("\u001f999999999999.9999\u001f").contains("\u001f123456.123457\u001f").endsWith("\u001f9999999999999.99");
    }
}
