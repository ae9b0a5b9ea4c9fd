package coop.switchboard.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The given names and surnames in {@code demo/names.txt}, loaded once. */
final class Names {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    static final Names LISTS = load();

    final List<String> male;
    final List<String> female;
    final List<String> hispanicMale;
    final List<String> hispanicFemale;
    final List<String> surnames;
    final List<String> hispanicSurnames;

    private Names(Map<String, List<String>> sections) {
        male = section(sections, "male");
        female = section(sections, "female");
        hispanicMale = section(sections, "hispanic-male");
        hispanicFemale = section(sections, "hispanic-female");
        surnames = section(sections, "surnames");
        hispanicSurnames = section(sections, "hispanic-surnames");
    }

    static String pick(RandomGenerator rng, List<String> list) {
        return list.get(rng.nextInt(list.size()));
    }

    static <T> T pick(RandomGenerator rng, T[] array) {
        return array[rng.nextInt(array.length)];
    }

    /** The name without accents, as older systems and most e-mail addresses write it. */
    static String plain(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }

    /** Lower-case letters only, for e-mail local parts and domains. */
    static String slug(String s) {
        return plain(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static List<String> section(Map<String, List<String>> sections, String name) {
        List<String> list = sections.get(name);
        if (list == null || list.isEmpty()) {
            throw new IllegalStateException("demo/names.txt has no [" + name + "] section");
        }
        return List.copyOf(list);
    }

    private static Names load() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        try (InputStream in = Names.class.getResourceAsStream("/demo/names.txt")) {
            if (in == null) {
                throw new IllegalStateException("demo/names.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (text.startsWith("[") && text.endsWith("]")) {
                    current = sections.computeIfAbsent(text.substring(1, text.length() - 1), k -> new ArrayList<>());
                } else if (current != null) {
                    current.add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Names(sections);
    }
}
