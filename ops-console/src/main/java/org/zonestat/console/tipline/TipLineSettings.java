package org.zonestat.console.tipline;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the console runs the tip line.
 *
 * @param tipsTopic where tips go ({@code tips.raw})
 * @param tipLineTopic where the cases go ({@code tip-line}, compacted)
 * @param maxBodyBytes the largest body of a tip-line POST (413 beyond)
 * @param submitsPerAddress tips one network address may send per {@code window}
 * @param lookupsPerAddress status looks and follow-ups one address may make per {@code window}
 * @param lookupsPerTip status looks and follow-ups per tip number per {@code window} (a guessed
 *     phrase is tried at most this often)
 * @param window the rate limits' window
 * @param hashIterations PBKDF2 rounds of a new phrase hash
 * @param mapLayer the zone layer drawn on the tip page's map
 * @param clock the time tips and follow-ups are taken
 */
public record TipLineSettings(
        String tipsTopic,
        String tipLineTopic,
        int maxBodyBytes,
        int submitsPerAddress,
        int lookupsPerAddress,
        int lookupsPerTip,
        Duration window,
        int hashIterations,
        String mapLayer,
        Clock clock) {

    public TipLineSettings {
        Objects.requireNonNull(tipsTopic, "tipsTopic");
        Objects.requireNonNull(tipLineTopic, "tipLineTopic");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(mapLayer, "mapLayer");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The default topics, 16 KiB bodies, 5 tips and 30 looks per address and 10 looks per tip
     * number per 10 minutes, 120,000 PBKDF2 rounds, police districts on the map, the system clock.
     */
    public static TipLineSettings defaults() {
        return new TipLineSettings(
                "tips.raw",
                "tip-line",
                16 * 1024,
                5,
                30,
                10,
                Duration.ofMinutes(10),
                120_000,
                "police-districts",
                Clock.systemUTC());
    }

    public TipLineSettings withTopics(String tips, String tipLine) {
        return new TipLineSettings(
                tips,
                tipLine,
                maxBodyBytes,
                submitsPerAddress,
                lookupsPerAddress,
                lookupsPerTip,
                window,
                hashIterations,
                mapLayer,
                clock);
    }

    public TipLineSettings withClock(Clock c) {
        return new TipLineSettings(
                tipsTopic,
                tipLineTopic,
                maxBodyBytes,
                submitsPerAddress,
                lookupsPerAddress,
                lookupsPerTip,
                window,
                hashIterations,
                mapLayer,
                c);
    }

    public TipLineSettings withLimits(int submits, int lookups, int perTip, int iterations) {
        return new TipLineSettings(
                tipsTopic,
                tipLineTopic,
                maxBodyBytes,
                submits,
                lookups,
                perTip,
                window,
                iterations,
                mapLayer,
                clock);
    }
}
