package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Town;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Who the members are: names, tax ids, birth dates, photo ids, phones and e-mail addresses. Tax ids come from a
 * seeded permutation of the member id, so no two members ever share one (identity matching would flag them).
 */
final class People {
    private static final long SSN_SPACE = 898L * 99 * 9999;
    private static final int[] EIN_PREFIXES = {1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25,
            26, 27, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55,
            56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85, 86,
            87, 88, 90, 91, 92, 93, 94, 95, 98, 99};
    private static final long EIN_SPACE = EIN_PREFIXES.length * 10_000_000L;
    /** A prime larger than every factor of either space, so multiplying by it permutes both. */
    private static final long STRIDE = 479_001_599L;
    private static final String[] DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com",
            "gmail.com", "yahoo.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com",
            "centurytel.net", "inlandfiber.net"};
    private static final String ALNUM = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    /** A phone on file. */
    record Phone(String type, String digits) {
    }

    private final long ssnOffset;
    private final long einOffset;
    private final Names names = Names.LISTS;

    People(long seed) {
        this.ssnOffset = Math.floorMod(seed * 0x9E3779B97F4A7C15L, SSN_SPACE);
        this.einOffset = Math.floorMod(seed * 0xC2B2AE3D27D4EB4FL, EIN_SPACE);
    }

    /** A social security number: never area 000, 666 or 900-999, never group 00 or serial 0000. */
    String ssn(long memberId) {
        long index = Math.floorMod(memberId * STRIDE + ssnOffset, SSN_SPACE);
        long area = index / (99 * 9999) + 1;
        if (area >= 666) {
            area++;
        }
        long rest = index % (99 * 9999);
        return String.format(Locale.ROOT, "%03d%02d%04d", area, rest / 9999 + 1, rest % 9999 + 1);
    }

    /** An employer identification number with a prefix the IRS assigns. */
    String ein(long memberId) {
        long index = Math.floorMod(memberId * STRIDE + einOffset, EIN_SPACE);
        return String.format(Locale.ROOT, "%02d%07d", EIN_PREFIXES[(int) (index / 10_000_000L)], index % 10_000_000L);
    }

    String firstName(RandomGenerator rng, boolean hispanic, boolean female) {
        if (hispanic) {
            return Names.pick(rng, female ? names.hispanicFemale : names.hispanicMale);
        }
        return Names.pick(rng, female ? names.female : names.male);
    }

    String surname(RandomGenerator rng, boolean hispanic) {
        return Names.pick(rng, hispanic ? names.hispanicSurnames : names.surnames);
    }

    /** A birth date that made the member an adult when they joined, and not over 96 today. */
    LocalDate birthDate(RandomGenerator rng, LocalDate since, LocalDate today) {
        LocalDate latest = since.minusYears(19);
        LocalDate earliest = latest.minusYears(45);
        LocalDate floor = today.minusYears(96);
        if (earliest.isBefore(floor)) {
            earliest = floor;
        }
        long span = Math.max(1, latest.toEpochDay() - earliest.toEpochDay());
        return earliest.plusDays(rng.nextLong(span));
    }

    /** A Washington driver's licence or ID card ("WDL" and nine characters) or a US passport number. */
    String[] photoId(RandomGenerator rng) {
        double r = rng.nextDouble();
        if (r < 0.08) {
            return new String[]{"PASSPORT", (rng.nextBoolean() ? "A" : "5") + digits(rng, 8)};
        }
        StringBuilder number = new StringBuilder("WDL");
        for (int i = 0; i < 9; i++) {
            number.append(ALNUM.charAt(rng.nextInt(ALNUM.length())));
        }
        return new String[]{r < 0.18 ? "STATE_ID" : "DRIVERS_LICENSE", number.toString()};
    }

    /** One to three phones, the first primary: mostly mobiles now, landlines on the town's exchanges. */
    List<Phone> personPhones(RandomGenerator rng, Town town, String areaCode) {
        int count = weighted(rng, 0.50, 0.85) + 1;
        List<Phone> phones = new ArrayList<>(count);
        boolean mobileFirst = rng.nextDouble() < 0.72;
        phones.add(mobileFirst ? mobile(rng, areaCode) : landline(rng, town, areaCode, "HOME"));
        if (count > 1) {
            phones.add(mobileFirst ? landline(rng, town, areaCode, rng.nextDouble() < 0.6 ? "HOME" : "WORK")
                    : mobile(rng, areaCode));
        }
        if (count > 2) {
            phones.add(rng.nextDouble() < 0.7 ? landline(rng, town, areaCode, "WORK") : new Phone("OTHER", mobile(rng, areaCode).digits()));
        }
        return phones;
    }

    List<Phone> businessPhones(RandomGenerator rng, Town town, String areaCode) {
        List<Phone> phones = new ArrayList<>(2);
        phones.add(landline(rng, town, areaCode, "WORK"));
        if (rng.nextDouble() < 0.55) {
            phones.add(mobile(rng, areaCode));
        }
        return phones;
    }

    /** The area code a local member's mobile was issued in: mostly 509, some from across the Idaho line. */
    String localAreaCode(RandomGenerator rng) {
        double r = rng.nextDouble();
        return r < 0.93 ? "509" : r < 0.98 ? "208" : Names.pick(rng, new String[]{"206", "253", "360", "425", "406"});
    }

    /** E-mail addresses as people make them: first.last, flast, a birth year, an old ISP account. */
    List<String> personEmails(RandomGenerator rng, String first, String last, int birthYear) {
        double chance = birthYear >= 1970 ? 0.88 : birthYear >= 1950 ? 0.68 : 0.42;
        if (rng.nextDouble() >= chance) {
            return List.of();
        }
        List<String> emails = new ArrayList<>(2);
        emails.add(personEmail(rng, first, last, birthYear));
        if (rng.nextDouble() < 0.12) {
            String second = personEmail(rng, first, last, birthYear);
            if (!second.equals(emails.get(0))) {
                emails.add(second);
            }
        }
        return emails;
    }

    private String personEmail(RandomGenerator rng, String first, String last, int birthYear) {
        String f = Names.slug(first);
        String l = Names.slug(last);
        String yy = String.format(Locale.ROOT, "%02d", birthYear % 100);
        String local = switch (rng.nextInt(8)) {
            case 0, 1 -> f + "." + l;
            case 2 -> f + l;
            case 3 -> f.charAt(0) + l;
            case 4 -> f + "." + l + (10 + rng.nextInt(90));
            case 5 -> f + "_" + l;
            case 6 -> l + f + yy;
            default -> f + yy;
        };
        return local + "@" + Names.pick(rng, DOMAINS);
    }

    List<String> businessEmails(RandomGenerator rng, String businessName) {
        if (rng.nextDouble() >= 0.8) {
            return List.of();
        }
        String slug = Names.slug(businessName.replaceAll("(?i)\\b(llc|inc|co)\\b", ""));
        if (slug.length() > 24) {
            slug = slug.substring(0, 24);
        }
        double r = rng.nextDouble();
        String address = r < 0.45 ? "office@" + slug + ".com" : r < 0.7 ? "info@" + slug + ".com"
                : r < 0.85 ? "billing@" + slug + ".com" : slug + "@gmail.com";
        return List.of(address);
    }

    Phone mobile(RandomGenerator rng, String areaCode) {
        return new Phone("MOBILE", areaCode + exchange(rng) + digits(rng, 4));
    }

    private Phone landline(RandomGenerator rng, Town town, String areaCode, String type) {
        String exchange = "509".equals(areaCode) && town != null ? Names.pick(rng, town.exchanges()) : exchange(rng);
        return new Phone(type, areaCode + exchange + digits(rng, 4));
    }

    /** A central-office code: 2-9 first, never an N11 service code or 555. */
    static String exchange(RandomGenerator rng) {
        while (true) {
            int code = 200 + rng.nextInt(800);
            if (code % 100 != 11 && code != 555 && code != 950 && code != 958 && code != 959 && code != 976) {
                return Integer.toString(code);
            }
        }
    }

    static String digits(RandomGenerator rng, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + rng.nextInt(10)));
        }
        return s.toString();
    }

    /** 0 with probability {@code a}, 1 up to {@code b}, else 2. */
    static int weighted(RandomGenerator rng, double a, double b) {
        double r = rng.nextDouble();
        return r < a ? 0 : r < b ? 1 : 2;
    }
}
