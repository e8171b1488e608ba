package org.zonestat.sim.places;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.zonestat.geo.csv.CsvWriter;
import org.zonestat.sim.baltimore.BaltimoreData;
import org.zonestat.sim.csv.CsvTable;

/**
 * A clearly labelled synthetic list of Baltimore business and liquor licenses over real Baltimore
 * geography, for the places a city would load from its license registers (no real license data is
 * shipped): each license sits at the address and coordinates of one real 311 request of the shipped
 * Open Baltimore export (October 2019), drawn without replacement. Names say {@code SYNTHETIC}, ids
 * start with {@code SYN-}; the kind of business, its status and its issue date are drawn from a
 * seeded generator, so the shipped file ({@value #FILE}) is a pure function of the seed and the 311
 * export ({@code SyntheticBusinessesTest} checks it).
 *
 * <p>Stateless; thread-safe.
 */
public final class SyntheticBusinesses {
    /** The shipped file, under the Baltimore data folder. */
    public static final String FILE = "places/businesses_synthetic.csv";

    /** The seed of the shipped file. */
    public static final long SEED = 20_180_707L;

    /** Licenses in the shipped file. */
    public static final int COUNT = 300;

    private static final String[][] KINDS = {
        {"Liquor License", "Tavern"},
        {"Liquor License", "Package Goods Store"},
        {"Liquor License", "Bar and Lounge"},
        {"Business License", "Corner Store"},
        {"Business License", "Carry-Out"},
        {"Business License", "Check Cashing"},
        {"Business License", "Tobacco Shop"},
        {"Business License", "Auto Repair"},
        {"Business License", "Convenience Store"},
        {"Business License", "Hookah Lounge"}
    };

    private SyntheticBusinesses() {}

    /**
     * The CSV text of {@code count} synthetic licenses drawn with {@code seed}: {@code
     * license_id,trade_name,license_type,business_kind,address,latitude,longitude,license_status,issued}.
     */
    public static String csv(long seed, int count) {
        List<String[]> sites = sites();
        if (count > sites.size()) {
            throw new IllegalArgumentException(
                    "only " + sites.size() + " real sites to place licenses at, asked " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        // A partial Fisher-Yates shuffle: the first `count` sites, without replacement.
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(sites.size() - i);
            String[] t = sites.get(i);
            sites.set(i, sites.get(j));
            sites.set(j, t);
        }
        StringWriter text = new StringWriter();
        try (CsvWriter out = new CsvWriter(text)) {
            out.write(
                    List.of(
                            "license_id",
                            "trade_name",
                            "license_type",
                            "business_kind",
                            "address",
                            "latitude",
                            "longitude",
                            "license_status",
                            "issued"));
            for (int i = 0; i < count; i++) {
                String[] kind = KINDS[random.nextInt(KINDS.length)];
                String[] site = sites.get(i);
                LocalDate issued = LocalDate.of(2005, 1, 1).plusDays(random.nextInt(13 * 365));
                String status = random.nextInt(10) == 0 ? "EXPIRED" : "ACTIVE";
                out.write(
                        List.of(
                                String.format(Locale.ROOT, "SYN-%04d", i + 1),
                                String.format(
                                        Locale.ROOT,
                                        "SYNTHETIC %s %03d",
                                        kind[1].toUpperCase(Locale.ROOT),
                                        i + 1),
                                kind[0],
                                kind[1],
                                site[0],
                                site[1],
                                site[2],
                                status,
                                issued.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The addresses of the 311 export with coordinates, street part only, in file order. */
    private static List<String[]> sites() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = BaltimoreData.open(BaltimoreData.SERVICE_311_2019)) {
            CsvTable.forEachRow(
                    in,
                    BaltimoreData.SERVICE_311_2019,
                    row -> {
                        var address = row.get("Address");
                        var lat = row.get("Latitude");
                        var lon = row.get("Longitude");
                        if (address.isPresent() && lat.isPresent() && lon.isPresent()) {
                            String street = address.get().split(",")[0].strip();
                            if (!street.contains("&")) {
                                out.add(new String[] {street, lat.get(), lon.get()});
                            }
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes the shipped file's text to standard output (how {@value #FILE} was made). */
    public static void main(String[] args) {
        System.out.print(csv(SEED, COUNT));
    }
}
