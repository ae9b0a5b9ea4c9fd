package coop.switchboard.billing.document;

import coop.switchboard.members.MemberView.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charge line descriptions in the bill's language. Tariffs describe their lines in English ("Energy (Winter), first 500
 * kWh, 15 of 31 days"); a Spanish bill replaces the phrases listed in {@code messages/bill-terms_es.properties}, longest
 * first and in one pass, and leaves any wording the list does not know as the tariff wrote it.
 */
final class ChargeWording {
    private final Map<String, String> terms;
    private final Pattern pattern;

    private ChargeWording(Map<String, String> terms) {
        this.terms = terms;
        if (terms.isEmpty()) {
            pattern = null;
        } else {
            StringBuilder alternatives = new StringBuilder();
            terms.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                    .forEach(t -> alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(t)));
            pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
        }
    }

    static ChargeWording none() {
        return new ChargeWording(Map.of());
    }

    /** The terms for a language; English needs none. */
    static ChargeWording of(Language language) {
        if (language != Language.ES) {
            return none();
        }
        Properties p = new Properties();
        try (InputStream in = ChargeWording.class.getClassLoader().getResourceAsStream("messages/bill-terms_es.properties")) {
            if (in == null) {
                return none();
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> terms = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> terms.put(k, p.getProperty(k)));
        return new ChargeWording(terms);
    }

    String translate(String description) {
        if (pattern == null || description == null) {
            return description;
        }
        Matcher m = pattern.matcher(description);
        return m.replaceAll(r -> Matcher.quoteReplacement(terms.get(r.group())));
    }
}
