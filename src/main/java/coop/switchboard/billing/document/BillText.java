package coop.switchboard.billing.document;

import coop.switchboard.members.MemberView.Language;
import coop.switchboard.shared.Money;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * A bill's words and numbers in the account's language. Both languages write amounts and numbers the US way
 * ($1,234.56), which is what Spanish readers in the US see on every other bill; month names and date order are the
 * language's own ("4 de marzo de 2025").
 */
final class BillText {
    static final Locale SPANISH_US = Locale.forLanguageTag("es-US");
    private final MessageSource messages;
    private final Language language;
    private final Locale locale;

    BillText(MessageSource messages, Language language) {
        this.messages = messages;
        this.language = language == null ? Language.EN : language;
        this.locale = this.language == Language.ES ? SPANISH_US : Locale.US;
    }

    Locale locale() {
        return locale;
    }

    Language language() {
        return language;
    }

    String msg(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** {@code $1,234.56}; a credit as {@code -$12.00}. */
    String money(Money amount) {
        if (amount == null) {
            return "";
        }
        String digits = decimal("#,##0.00").format(amount.amount().abs());
        return (amount.signum() < 0 ? "-$" : "$") + digits;
    }

    /** A quantity without needless zeros: {@code 1,250}, {@code 12.5}. */
    String number(BigDecimal value) {
        return value == null ? "" : decimal("#,##0.####").format(value);
    }

    /** A unit price with at least two decimals and up to six: {@code $0.0985}, {@code $30.00}. */
    String unitPrice(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String digits = decimal("#,##0.00####").format(value.abs());
        return (value.signum() < 0 ? "-$" : "$") + digits;
    }

    /** A rate held as a fraction shown as a percent: 0.065 as {@code 6.5%}. */
    String percent(BigDecimal fraction) {
        return fraction == null ? "" : number(fraction.multiply(BigDecimal.valueOf(100)).setScale(4, RoundingMode.HALF_UP)) + "%";
    }

    /** "March 4, 2025" or "4 de marzo de 2025". */
    String date(LocalDate date) {
        return date == null ? "" : msg("date.long", date.getDayOfMonth(), monthName(date.getMonthValue()), Integer.toString(date.getYear()));
    }

    /** "Mar 4, 2025" or "4 mar 2025". */
    String shortDate(LocalDate date) {
        return date == null ? "" : msg("date.short", date.getDayOfMonth(), monthShort(date.getMonthValue()), Integer.toString(date.getYear()));
    }

    /** "Mar" or "mar", for the usage graph. */
    String monthShort(YearMonth month) {
        return monthShort(month.getMonthValue());
    }

    String monthYear(YearMonth month) {
        return msg("date.monthYear", monthName(month.getMonthValue()), Integer.toString(month.getYear()));
    }

    String monthName(int month) {
        return msg("month." + month);
    }

    String monthShort(int month) {
        return msg("month.short." + month);
    }

    private DecimalFormat decimal(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
