package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Town;

import java.util.random.RandomGenerator;

/** Names of the businesses, farms, landlords and public bodies a rural cooperative serves. */
final class Businesses {
    private static final String[] PLACE_WORDS = {"Cedar Valley", "Ridgeview", "Pine Ridge", "Tamarack", "Huckleberry",
            "Elk Meadow", "Blue Mountain", "Silver Creek", "Eagle Ridge", "Mountain View", "Riverbend", "Lakeside",
            "Clearwater", "Timberline", "Sunrise", "Granite Peak", "Bear Creek", "Whitetail", "Northstar",
            "High Country", "Selkirk", "Kettle River", "Columbia", "Evergreen", "Twin Lakes", "Red Barn", "Cottonwood",
            "Wild Horse", "Deer Lake", "Boundary"};
    private static final String[] SHOPS = {"{T} Hardware", "{S}'s Auto Repair", "{P} Veterinary Clinic",
            "{T} Family Dental", "{P} Market", "{P} Coffee Co", "{S} Insurance Agency", "{T} Community Church",
            "{S} Excavation Inc", "{P} Grange", "{P} Motel", "{T} Drive-In", "{S} & Sons Logging",
            "{P} Feed & Supply", "{T} Pharmacy", "{S} Welding & Fab", "{P} Bait & Tackle", "{S} Chiropractic",
            "{T} Tavern", "{P} Quilt Shop", "{S} Tire Center", "{P} RV Park", "{T} Cafe", "{P} Self Storage LLC",
            "{S} Construction LLC", "{P} Espresso", "{T} Lions Club", "{P} Bible Fellowship",
            "{S} Plumbing & Heating", "{P} Hair Studio", "{S} Accounting", "{T} Grocery"};
    private static final String[] INDUSTRY = {"{P} Lumber Co", "{P} Cold Storage Inc", "{P} Mill LLC",
            "{P} Gravel & Ready Mix", "{P} Fruit Packers", "{T} Health Care Center", "{P} Log Homes Inc",
            "{S} Sawmill", "{P} Data Center LLC", "{P} Pole & Post"};
    private static final String[] FARMS = {"{S} Orchards", "{S} Farms", "{P} Farms LLC", "{S} Ranch",
            "{S} Hay & Grain", "{S} Dairy", "{P} Cattle Co", "{S} Family Farms", "{P} Orchards LLC"};
    private static final String[] LANDLORDS = {"{P} Property Management", "{T} Rentals LLC", "{S} Properties LLC",
            "{P} Rentals", "{P} Real Estate Holdings LLC", "{S} Family Trust"};

    private Businesses() {
    }

    static String shop(RandomGenerator rng, Town town, String surname) {
        return fill(rng, SHOPS, town, surname);
    }

    static String industry(RandomGenerator rng, Town town, String surname) {
        return fill(rng, INDUSTRY, town, surname);
    }

    static String farm(RandomGenerator rng, Town town, String surname) {
        return fill(rng, FARMS, town, surname);
    }

    static String landlord(RandomGenerator rng, Town town, String surname) {
        return fill(rng, LANDLORDS, town, surname);
    }

    /** The public bodies of a town, which own its street lights and public buildings; one of each per town. */
    static String publicBody(RandomGenerator rng, Town town) {
        boolean city = town.weight() >= 0.2;
        return switch (rng.nextInt(5)) {
            case 0, 1 -> (city ? "City of " : "Town of ") + town.name();
            case 2 -> town.name() + " Fire District " + (town.index() + 2);
            case 3 -> town.name() + " School District " + (212 + 7 * town.index());
            default -> "Selkirk County Public Works";
        };
    }

    private static String fill(RandomGenerator rng, String[] patterns, Town town, String surname) {
        return Names.pick(rng, patterns).replace("{T}", town.name()).replace("{S}", Names.plain(surname))
                .replace("{P}", Names.pick(rng, PLACE_WORDS));
    }
}
