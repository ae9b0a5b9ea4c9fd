package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.XMLStreamConstants;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

/**
 * The parts of an ESPI ReadingType that say how to read an IntervalReading: unit ({@code uom}), power of ten, currency
 * of {@code cost}, and whether the values are energy delivered to the member in each interval.
 *
 * <p>Only uom 72 (Wh, real energy) is imported, with any {@code powerOfTenMultiplier} (so kWh is uom 72 with
 * multiplier 3, mWh is 72 with -3). Everything else is skipped with a warning: power (38 W, 61 VA, 63 VAr), apparent
 * and reactive energy (71 VAh, 73 VArh: not what a kWh rate bills), other commodities' units (169 therm, 42 m³, ...).
 * Register-style accumulation (anything but absent, 0 or 4 = deltaData) and received/net energy (flowDirection other
 * than absent, 0 or 1 = forward) are skipped too, because adding them up as consumption would be wrong.
 */
record EspiReadingType(int line, Integer uom, int powerOfTenMultiplier, Integer currency, Integer intervalLength,
                       Integer flowDirection, Integer accumulationBehaviour) {

    static final int WATT_HOURS = 72;

    private static final Map<Integer, String> UNIT_NAMES = Map.ofEntries(Map.entry(5, "A"), Map.entry(29, "V"),
            Map.entry(31, "J"), Map.entry(38, "W"), Map.entry(42, "m3"), Map.entry(61, "VA"), Map.entry(63, "VAr"),
            Map.entry(71, "VAh"), Map.entry(72, "Wh"), Map.entry(73, "VArh"), Map.entry(119, "ft3"),
            Map.entry(128, "usGal"), Map.entry(132, "BTU"), Map.entry(169, "therm"));

    /** Reads the ReadingType element the cursor is on, through its end tag. */
    static EspiReadingType parse(StaxInput in) {
        int line = in.line();
        Integer uom = null;
        int multiplier = 0;
        Integer currency = null;
        Integer intervalLength = null;
        Integer flowDirection = null;
        Integer accumulation = null;
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return new EspiReadingType(line, uom, multiplier, currency, intervalLength, flowDirection, accumulation);
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!StaxInput.ESPI.equals(in.namespace())) {
                in.skipElement();
                continue;
            }
            switch (in.localName()) {
                case "uom" -> uom = in.intText("ReadingType uom");
                case "powerOfTenMultiplier" -> multiplier = multiplier(in);
                case "currency" -> currency = in.intText("ReadingType currency");
                case "intervalLength" -> intervalLength = in.intText("ReadingType intervalLength");
                case "flowDirection" -> flowDirection = in.intText("ReadingType flowDirection");
                case "accumulationBehaviour" -> accumulation = in.intText("ReadingType accumulationBehaviour");
                default -> in.skipElement();
            }
        }
    }

    private static int multiplier(StaxInput in) {
        int line = in.line();
        int multiplier = in.intText("ReadingType powerOfTenMultiplier");
        if (multiplier < -12 || multiplier > 12) { // UnitMultiplierKind runs from p (-12) to T (12)
            throw new GreenButtonException(line, "ReadingType powerOfTenMultiplier out of range: " + multiplier);
        }
        return multiplier;
    }

    /** Why IntervalBlocks of this type are not imported, or null when they are. */
    String skipReason() {
        if (uom == null) {
            return "the ReadingType has no uom, so the unit is unknown";
        }
        if (uom != WATT_HOURS) {
            return "uom " + uom + " (" + UNIT_NAMES.getOrDefault(uom, "not energy in Wh") + ") is not real energy in Wh";
        }
        if (accumulationBehaviour != null && accumulationBehaviour != 0 && accumulationBehaviour != 4) {
            return "accumulationBehaviour " + accumulationBehaviour + " is not per-interval (deltaData) energy";
        }
        if (flowDirection != null && flowDirection != 0 && flowDirection != 1) {
            return "flowDirection " + flowDirection + " is not energy delivered to the member (forward)";
        }
        return null;
    }

    /** An IntervalReading value in Wh: value x 10^powerOfTenMultiplier. */
    BigDecimal wattHours(long value) {
        return canonical(BigDecimal.valueOf(value).scaleByPowerOfTen(powerOfTenMultiplier));
    }

    /** ESPI costs are in 1/100,000 of the currency. */
    static BigDecimal currencyUnits(long cost) {
        return canonical(BigDecimal.valueOf(cost, 5));
    }

    /** ISO 4217 alphabetic code of {@code currency} (840 -> USD), or null. */
    String currencyCode() {
        if (currency == null || currency == 0) {
            return null;
        }
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCode() == currency)
                .map(Currency::getCurrencyCode).sorted().findFirst().orElse(String.valueOf(currency));
    }

    /**
     * The smallest non-negative scale that holds the value exactly (1500 x 10^-3 becomes 1.5, 5 x 10^3 becomes 5000), so
     * equal quantities read from differently scaled files are equal BigDecimals.
     */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
