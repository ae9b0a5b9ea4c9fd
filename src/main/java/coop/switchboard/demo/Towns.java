package coop.switchboard.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The demo cooperative's territory: five fictional small towns in the mountains and river valleys of northeast
 * Washington, with a grid of town streets and the county roads around each. Geography is fixed (not seeded) so a
 * street always lies in the same place.
 */
final class Towns {
    static final String STATE = "WA";
    /** The Willamette Meridian's initial point, origin of the township and range grid in Washington. */
    private static final double MERIDIAN_LAT = 45.5202;
    private static final double MERIDIAN_LON = -122.7447;
    private static final double DEG_LAT_PER_MILE = 1 / 69.05;

    private static final String[] AVENUES = {"1st Ave", "2nd Ave", "3rd Ave", "4th Ave", "5th Ave", "6th Ave"};
    static final String[] SUBDIVISION_WORDS = {"Aspen", "Larch", "Osprey", "Quail", "Meadowlark", "Huckleberry",
            "Juniper", "Cottonwood", "Ponderosa", "Tamarack", "Kinnikinnick", "Chickadee", "Elk Meadow", "Fox Run",
            "Deer Trail", "Sunset", "Hillcrest", "Ridgeview", "Orchard", "Bluebird", "Serviceberry", "Mountain Ash",
            "Alder", "Hemlock", "Red Fir", "Wild Rose", "Syringa", "Bitterroot", "Trillium", "Thimbleberry"};
    static final String[] SUBDIVISION_SUFFIXES = {"Ct", "Ln", "Loop", "Dr", "Way", "Pl", "Cir", "Trl"};
    static final String[] ROAD_WORDS = {"Bear", "Beaver", "Bighorn", "Blacktail", "Boulder", "Cougar", "Coyote",
            "Crystal", "Eagle", "Elk", "Granite", "Grizzly", "Hidden", "Clear", "Iron", "Lone Pine", "Marble",
            "Moose", "Mud", "North Fork", "Otter", "Paradise", "Pinto", "Rattlesnake", "Red Rock", "Silver",
            "Skookum", "Slate", "Sheep", "Spring Valley", "Stranger", "Sunrise", "Thompson", "Twin", "Whitetail", "Wolf"};
    static final String[] ROAD_SUFFIXES = {"Creek Rd", "Ridge Rd", "Lake Rd", "Valley Rd", "Mountain Rd", "Flat Rd",
            "Springs Rd", "Canyon Rd"};

    /** A street or road on which addresses run from {@code first} upward, laid out on a straight line. */
    record Street(String name, int index, double lat0, double lon0, double dLatPer100, double dLonPer100,
                  int first, int last, boolean rural) {

        double latitude(int number) {
            return lat0 + (number - first) / 100.0 * dLatPer100;
        }

        double longitude(int number) {
            return lon0 + (number - first) / 100.0 * dLonPer100;
        }
    }

    /** A town, its post office, the substation that feeds it, and the streets and roads it starts with. */
    record Town(int index, String name, String zip, double lat, double lon, String substation, List<String> exchanges,
                double weight, double ruralShare, double hispanicShare, boolean water, List<Street> streets,
                List<Street> roads) {
    }

    static final List<Town> ALL = List.of(
            town(0, "Tamarack Falls", "99148", 48.5521, -117.8712, List.of("684", "685", "680"), 0.32, 0.30, 0.14, true,
                    List.of("Main St", "Astor St", "Birch St", "Columbia St", "Elm St", "Hawthorne St", "Lincoln St",
                            "Railroad St", "Spruce St", "Walnut St", "Garfield St"),
                    List.of("Aladdin Rd", "Haller Creek Rd", "Orin-Rice Rd", "Gold Creek Loop", "Arden Butte Rd",
                            "Hwy 395 N", "Hwy 20 E", "Mill Canyon Rd", "Douglas Falls Rd", "Stensgar Rd",
                            "Williams Valley Rd", "Greenwood Loop", "Old Kettle Rd", "Bulldog Creek Rd")),
            town(1, "Ruby Creek", "99157", 48.7083, -117.5262, List.of("442", "446"), 0.14, 0.55, 0.07, false,
                    List.of("Main St", "Cedar St", "Park St", "Lake St", "Depot St", "School St", "Mill St"),
                    List.of("Pend Oreille Rd", "Sullivan Lake Rd", "Box Canyon Rd", "Ledbetter Lake Rd", "Hwy 31",
                            "Cedar Creek Rd", "Smackout Pass Rd", "Tiger Hwy", "LeClerc Rd N", "Lost Creek Rd",
                            "Dry Canyon Rd")),
            town(2, "Pinecrest", "99129", 48.3012, -117.7418, List.of("935", "936"), 0.20, 0.40, 0.12, true,
                    List.of("Main Ave", "Clay St", "Lincoln Ave", "Washington St", "Jefferson St", "Summit St",
                            "Pine St", "Oak St", "Church St"),
                    List.of("Flowery Trail Rd", "Cottonwood Creek Rd", "Sand Canyon Rd", "Burnt Valley Rd",
                            "Hwy 395 S", "Jump Off Joe Rd", "Waitts Lake Rd", "Quarry Rd", "Blue Creek Rd",
                            "Grouse Creek Rd", "Heine Rd")),
            town(3, "Larkspur", "99137", 48.4268, -118.0347, List.of("738", "732"), 0.18, 0.65, 0.35, false,
                    List.of("Main St", "Front St", "Orchard Ave", "River St", "Grange St", "Apple Way"),
                    List.of("Columbia River Rd", "Orchard Bench Rd", "Rickey Point Rd", "Hunters Cutoff Rd",
                            "Daisy Loop", "Harvey Creek Rd", "Magee Rd", "Cedonia-Addy Rd", "Bluecreek West Rd",
                            "Springdale-Hunters Rd", "Enterprise Rd", "Gifford Ferry Rd")),
            town(4, "Calder", "99119", 48.2249, -117.1228, List.of("445", "447"), 0.16, 0.50, 0.10, true,
                    List.of("Main St", "Union Ave", "Calispell Ave", "Fir St", "Warren Ave", "Spokane Ave", "Pine St"),
                    List.of("Westside Calispell Rd", "LeClerc Rd S", "Bead Lake Rd", "Deer Valley Rd", "Kings Lake Rd",
                            "Usk Bridge Rd", "Hwy 2", "Hwy 211", "Fertile Valley Rd", "Camden Rd", "Davis Creek Rd")));

    private Towns() {
    }

    /** A town, the bigger ones more often. */
    static Town pick(RandomGenerator rng) {
        double r = rng.nextDouble();
        for (Town t : ALL) {
            r -= t.weight();
            if (r < 0) {
                return t;
            }
        }
        return ALL.get(0);
    }

    /** The town with the irrigated orchards and fields along the river. */
    static Town irrigationValley() {
        return ALL.get(3);
    }

    private static Town town(int index, String name, String zip, double lat, double lon, List<String> exchanges,
                             double weight, double ruralShare, double hispanicShare, boolean water,
                             List<String> named, List<String> roads) {
        List<Street> streets = new ArrayList<>();
        double blockLat = 100 * 0.000019;
        double blockLon = blockLat / StrictMath.cos(StrictMath.toRadians(lat)) * 1.3;
        for (int k = 0; k < AVENUES.length; k++) {
            double lonK = lon + (k - 2.5) * blockLon;
            streets.add(new Street("N " + AVENUES[k], streets.size(), lat, lonK, blockLat, 0, 100, 2999, false));
            streets.add(new Street("S " + AVENUES[k], streets.size(), lat, lonK, -blockLat, 0, 100, 2999, false));
        }
        for (int j = 0; j < named.size(); j++) {
            double latJ = lat + (j - named.size() / 2.0) * blockLat;
            streets.add(new Street("E " + named.get(j), streets.size(), latJ, lon, 0, blockLon, 100, 2999, false));
            streets.add(new Street("W " + named.get(j), streets.size(), latJ, lon, 0, -blockLon, 100, 2999, false));
        }
        List<Street> rural = new ArrayList<>();
        for (String road : roads) {
            rural.add(road(road, 1000 + rural.size(), lat, lon));
        }
        return new Town(index, name, zip, lat, lon, "SUB" + (index + 1), exchanges, weight, ruralShare, hispanicShare,
                water, List.copyOf(streets), List.copyOf(rural));
    }

    /** A county road running out of town on a fixed bearing; rural addresses count 1,000 a mile. */
    static Street road(String name, int index, double townLat, double townLon) {
        SplittableRandom place = new SplittableRandom(name.hashCode() * 31L + index);
        double angle = place.nextDouble(0, 2 * Math.PI);
        double radius = place.nextDouble(0.03, 0.12);
        double bearing = place.nextDouble(0, 2 * Math.PI);
        double lat0 = townLat + radius * StrictMath.sin(angle);
        double lon0 = townLon + radius * StrictMath.cos(angle) / StrictMath.cos(StrictMath.toRadians(townLat));
        double perHundred = 0.1 * DEG_LAT_PER_MILE;
        return new Street(name, index, lat0, lon0, perHundred * StrictMath.cos(bearing),
                perHundred * StrictMath.sin(bearing) / StrictMath.cos(StrictMath.toRadians(townLat)), 1000, 19999, true);
    }

    /** A short street in a new subdivision at the edge of town. */
    static Street subdivision(String name, int index, Town town) {
        SplittableRandom place = new SplittableRandom(name.hashCode() * 17L + index);
        double angle = place.nextDouble(0, 2 * Math.PI);
        double radius = place.nextDouble(0.012, 0.03);
        boolean northSouth = place.nextBoolean();
        double step = 100 * 0.000019;
        double lat0 = town.lat() + radius * StrictMath.sin(angle);
        double lon0 = town.lon() + radius * StrictMath.cos(angle) / StrictMath.cos(StrictMath.toRadians(town.lat()));
        return new Street(name, index, lat0, lon0, northSouth ? step : 0,
                northSouth ? 0 : step / StrictMath.cos(StrictMath.toRadians(town.lat())) * 1.3, 100, 1999, false);
    }

    /** Township, range and section on the Public Land Survey grid, as county assessors write it: "T35N R41E S14". */
    static String townshipRangeSection(double lat, double lon) {
        double northMiles = (lat - MERIDIAN_LAT) / DEG_LAT_PER_MILE;
        double eastMiles = (lon - MERIDIAN_LON) * 69.17 * StrictMath.cos(StrictMath.toRadians(lat));
        int township = (int) Math.floor(northMiles / 6) + 1;
        int range = (int) Math.floor(eastMiles / 6) + 1;
        double x = eastMiles - (range - 1) * 6.0;
        double y = northMiles - (township - 1) * 6.0;
        int row = Math.min(5, Math.max(0, 5 - (int) Math.floor(y)));
        int col = Math.min(5, Math.max(0, (int) Math.floor(x)));
        // Sections run boustrophedon from the north-east corner: 1-6 east to west, 7-12 west to east, ...
        int section = row % 2 == 0 ? row * 6 + (6 - col) : row * 6 + col + 1;
        return "T" + township + "N R" + range + "E S" + section;
    }

    /** The page and column of the town's street atlas, as the line crews' map books have it: "Map 27-B". */
    static String mapPage(Town town, double lat, double lon) {
        int row = Math.min(19, Math.max(0, (int) Math.floor((lat - town.lat() + 0.04) / 0.004)));
        int col = Math.min(3, Math.max(0, (int) Math.floor((lon - town.lon() + 0.04) / 0.02)));
        return "Map " + (10 + town.index() * 20 + row) + "-" + (char) ('A' + col);
    }
}
