package coop.switchboard.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Splits what the CSR typed into words the way {@code search.words()} splits the indexed text. */
final class Words {
    private Words() {
    }

    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static List<String> of(String text) {
        return Arrays.stream(normalise(text).split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
    }

    static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }
}
