package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Town;

import java.util.random.RandomGenerator;

/** Where a member's mail goes: usually the service address, otherwise a post office box or an address elsewhere. */
record Mailing(String line1, String line2, String city, String state, String zip, String areaCode) {

    /** Cities former members, landlords and snowbirds get their mail in, with a ZIP and the local area code. */
    private static final String[][] ELSEWHERE = {
            {"Spokane", "WA", "99201", "509"}, {"Spokane", "WA", "99205", "509"}, {"Spokane", "WA", "99208", "509"},
            {"Spokane", "WA", "99223", "509"}, {"Spokane Valley", "WA", "99206", "509"}, {"Spokane Valley", "WA", "99216", "509"},
            {"Deer Park", "WA", "99006", "509"}, {"Wenatchee", "WA", "98801", "509"}, {"Yakima", "WA", "98902", "509"},
            {"Moses Lake", "WA", "98837", "509"}, {"Seattle", "WA", "98103", "206"}, {"Seattle", "WA", "98115", "206"},
            {"Tacoma", "WA", "98405", "253"}, {"Olympia", "WA", "98501", "360"}, {"Vancouver", "WA", "98684", "360"},
            {"Coeur d'Alene", "ID", "83814", "208"}, {"Sandpoint", "ID", "83864", "208"}, {"Boise", "ID", "83706", "208"},
            {"Post Falls", "ID", "83854", "208"}, {"Missoula", "MT", "59801", "406"}, {"Kalispell", "MT", "59901", "406"},
            {"Portland", "OR", "97214", "503"}, {"Bend", "OR", "97701", "541"}, {"Phoenix", "AZ", "85016", "602"},
            {"Mesa", "AZ", "85201", "480"}, {"Yuma", "AZ", "85364", "928"}, {"Sacramento", "CA", "95819", "916"},
            {"Reno", "NV", "89502", "775"}, {"Las Vegas", "NV", "89123", "702"}, {"Anchorage", "AK", "99503", "907"}};
    private static final String[] STREET_WORDS = {"Maple", "Oak", "Sunset", "Park", "Lincoln", "Division", "Sprague",
            "Grand", "Highland", "Country Club", "Desert Willow", "Mission", "Broadway", "Riverside", "University",
            "Hillcrest", "Meadow", "Evergreen", "Cherry", "Willow"};
    private static final String[] STREET_SUFFIXES = {"St", "Ave", "Dr", "Blvd", "Way", "Ln", "Ct"};

    static Mailing of(Network.Site site, String line2) {
        return new Mailing(site.line1(), line2, site.town().name(), Towns.STATE, site.town().zip(), "509");
    }

    static Mailing poBox(RandomGenerator rng, Town town) {
        return new Mailing("PO Box " + (1 + rng.nextInt(2999)), null, town.name(), Towns.STATE, town.zip(), "509");
    }

    /** An address outside the territory: where people moved to, or where a landlord or snowbird lives. */
    static Mailing elsewhere(RandomGenerator rng) {
        String[] city = ELSEWHERE[rng.nextInt(ELSEWHERE.length)];
        String line1 = (100 + rng.nextInt(19900)) + " " + (rng.nextDouble() < 0.5 ? (rng.nextBoolean() ? "N " : "S ") : "")
                + Names.pick(rng, STREET_WORDS) + " " + Names.pick(rng, STREET_SUFFIXES);
        double r = rng.nextDouble();
        String line2 = r < 0.15 ? "Apt " + (1 + rng.nextInt(340)) : r < 0.2 ? "Unit " + (char) ('A' + rng.nextInt(6)) : null;
        if ("AZ".equals(city[1]) && rng.nextDouble() < 0.4) {
            line2 = "Spc " + (1 + rng.nextInt(180));
        }
        if (rng.nextDouble() < 0.1) {
            return new Mailing("PO Box " + (1 + rng.nextInt(29999)), null, city[0], city[1], city[2], city[3]);
        }
        return new Mailing(line1, line2, city[0], city[1], city[2], city[3]);
    }
}
