package org.zonestat.cli;

import org.zonestat.benchmarks.BenchCommand;
import org.zonestat.cluster.ClusterCommand;
import org.zonestat.config.Cli;
import org.zonestat.console.OpsConsoleMain;
import org.zonestat.geo.cli.TagCommand;
import org.zonestat.jobs.JobCommand;
import org.zonestat.jobs.history.ReprocessCommand;
import org.zonestat.local.DemoCommand;
import org.zonestat.notifier.NotifyCommand;
import org.zonestat.sim.backfill.BackfillCommand;
import org.zonestat.sim.knox.KnoxCommand;
import org.zonestat.sim.places.PlacesCommand;
import org.zonestat.sim.synthetic.SyntheticCityMain;
import picocli.CommandLine.Command;

/**
 * {@code zonestat}: the one entry point, with every command as a subcommand; {@link
 * ConfigurationDocument} reads the flags of the whole tree from it. Each subcommand class also has
 * a {@code main} that runs it alone; the {@code ./zonestat} launcher uses those, with each module's
 * own class path, and runs {@code test} itself (it installs a browser first).
 */
@Command(
        name = Cli.ROOT,
        description = "The ZoneStat commands; `zonestat <command> --help` lists a command's flags.",
        subcommands = {
            DemoCommand.class,
            JobCommand.class,
            OpsConsoleMain.class,
            NotifyCommand.class,
            TagCommand.class,
            BackfillCommand.class,
            PlacesCommand.class,
            KnoxCommand.class,
            ReprocessCommand.class,
            SyntheticCityMain.class,
            ClusterCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "./zonestat test runs every test (the launcher installs Chromium for the browser"
                    + " tests first).",
            "Every flag may also come from ZONESTAT_<FLAG> (docs/configuration.md)."
        })
public final class ZoneStatCommand {
    public static void main(String[] args) {
        Cli.main(new ZoneStatCommand(), args);
    }
}
