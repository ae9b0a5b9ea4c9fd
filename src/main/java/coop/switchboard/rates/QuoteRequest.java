package coop.switchboard.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A rate question: a schedule, the service period ({@code to} is the next read date; the period is
 * {@code [from, to)}), register usage, and what about the account changes the bill. Used by the console's rate
 * calculator and {@code POST /api/v1/rates/quote}.
 */
public record QuoteRequest(String schedule, LocalDate from, LocalDate to, BigDecimal kwh, BigDecimal kw, BigDecimal kvarh,
                           BigDecimal gallons, BigDecimal ccf, Map<String, BigDecimal> kwhByPeriod,
                           Map<String, BigDecimal> kwByPeriod, List<String> exemptions, String meterSize,
                           Map<String, Integer> fixtures) {
}
