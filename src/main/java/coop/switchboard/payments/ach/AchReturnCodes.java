package coop.switchboard.payments.ach;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Titles of ACH return reason codes (R01-R85, from {@code return-codes.tsv}, taken from moov-io/ach under Apache-2.0)
 * and of notification of change codes (C01-C14, and C61-C69 for refused NOCs, from the NACHA Operating Rules).
 */
public final class AchReturnCodes {
    /** The title of a return code no list holds: banks do send codes of their own (R97 in one moov-io fixture). */
    public static final String UNKNOWN_RETURN = "unknown return reason";
    public static final String UNKNOWN_CHANGE = "unknown change code";

    private static final Map<String, String> RETURNS = load();
    private static final Map<String, String> CHANGES = changes();

    private AchReturnCodes() {
    }

    /**
     * The title of an R or C code ("R01" is "Insufficient Funds", "C01" "Incorrect DFI account number");
     * {@link #UNKNOWN_RETURN} or {@link #UNKNOWN_CHANGE} for a code neither list holds.
     */
    public static String title(String code) {
        if (code != null && code.startsWith("C")) {
            return CHANGES.getOrDefault(code, UNKNOWN_CHANGE);
        }
        return RETURNS.getOrDefault(code, UNKNOWN_RETURN);
    }

    public static boolean isKnown(String code) {
        return RETURNS.containsKey(code) || CHANGES.containsKey(code);
    }

    /** Every return reason code and its title, in code order. */
    public static Map<String, String> returnCodes() {
        return RETURNS;
    }

    /** Every change code and its title, in code order. */
    public static Map<String, String> changeCodes() {
        return CHANGES;
    }

    private static Map<String, String> load() {
        Map<String, String> codes = new LinkedHashMap<>();
        try (InputStream in = AchReturnCodes.class.getResourceAsStream("return-codes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("return-codes.tsv is missing from the classpath");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 2);
                codes.put(fields[0], fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(codes);
    }

    private static Map<String, String> changes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("C01", "Incorrect DFI account number");
        codes.put("C02", "Incorrect routing number");
        codes.put("C03", "Incorrect routing number and incorrect DFI account number");
        codes.put("C04", "Incorrect individual name / receiving company name");
        codes.put("C05", "Incorrect transaction code");
        codes.put("C06", "Incorrect DFI account number and incorrect transaction code");
        codes.put("C07", "Incorrect routing number, incorrect DFI account number, and incorrect transaction code");
        codes.put("C08", "Incorrect receiving DFI identification (IAT only)");
        codes.put("C09", "Incorrect individual identification number");
        codes.put("C10", "Incorrect company name");
        codes.put("C11", "Incorrect company identification");
        codes.put("C12", "Incorrect company name and company identification");
        codes.put("C13", "Addenda format error");
        codes.put("C14", "Incorrect SEC code for outbound international payment");
        codes.put("C61", "Misrouted notification of change");
        codes.put("C62", "Incorrect trace number");
        codes.put("C63", "Incorrect company identification number");
        codes.put("C64", "Incorrect individual identification number / identification number");
        codes.put("C65", "Incorrectly formatted corrected data");
        codes.put("C66", "Incorrect discretionary data");
        codes.put("C67", "Routing number not from original entry detail record");
        codes.put("C68", "DFI account number not from original entry detail record");
        codes.put("C69", "Incorrect transaction code");
        return Collections.unmodifiableMap(codes);
    }
}
