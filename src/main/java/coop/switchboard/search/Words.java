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

    /**
     * How alike two words are, from 0 to 1: one minus the optimal-string-alignment distance (insertions, deletions,
     * substitutions and swaps of neighbours, each counting one) over the longer length.
     */
    static double alike(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return 1.0 - (double) d[a.length()][b.length()] / Math.max(1, Math.max(a.length(), b.length()));
    }

    static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }
}
