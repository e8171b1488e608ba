package org.zonestat.notifier;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.zonestat.city.CityOption;
import org.zonestat.config.BootstrapOption;
import org.zonestat.config.Cli;
import org.zonestat.topics.TopicOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./zonestat notify}: the {@link Notifier} alone, against any Kafka, until Ctrl-C. At least
 * one channel: an SMTP relay ({@code --smtp-host}) or a webhook ({@code --webhook-url}); with both,
 * e-mail is preferred and the webhook reaches residents who gave only a phone number.
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
@Command(
        name = "notify",
        description =
                "Delivers each closing-the-loop notification to the resident who asked: e-mail over"
                        + " SMTP or a webhook (an SMS gateway), retried, dead-lettered, once per"
                        + " closure.")
public final class NotifyCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BootstrapOption kafka;

    @Mixin private TopicOptions topics;

    @Mixin private CityOption city;

    @Option(
            names = "--notifier-group",
            paramLabel = "ID",
            description =
                    "Consumer group of the notifications topic; also names the notifier's"
                            + " transactions (run one notifier per group).")
    private String group = "zonestat-notifier";

    @Option(
            names = "--smtp-host",
            paramLabel = "HOST",
            description = "The SMTP relay (none: no e-mail).")
    private String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "N", description = "The SMTP relay's port.")
    private int smtpPort = 25;

    @Option(names = "--smtp-from", paramLabel = "ADDRESS", description = "The sender address.")
    private String smtpFrom = "311@zonestat.local";

    @Option(
            names = "--smtp-user",
            paramLabel = "NAME",
            description = "SMTP login (none: no login).")
    private String smtpUser;

    @Option(
            names = "--smtp-password",
            paramLabel = "SECRET",
            description = "SMTP password (better given as ZONESTAT_SMTP_PASSWORD).")
    private String smtpPassword;

    @Option(names = "--smtp-starttls", description = "Require STARTTLS.")
    private boolean smtpStartTls;

    @Option(
            names = "--webhook-url",
            paramLabel = "URL",
            description = "POST each message as JSON here (an SMS gateway); none: no webhook.")
    private URI webhookUrl;

    @Option(
            names = "--webhook-secret",
            paramLabel = "SECRET",
            description =
                    "Sign webhook bodies with HMAC-SHA256 in X-ZoneStat-Signature (better given as"
                            + " ZONESTAT_WEBHOOK_SECRET).")
    private String webhookSecret;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Tries before a dead letter.")
    private int maxAttempts = 5;

    @Option(
            names = "--first-backoff-seconds",
            paramLabel = "N",
            description = "Wait after the first failed try; each next wait doubles, up to 30 s.")
    private long firstBackoffSeconds = 1;

    @Option(
            names = "--time-zone",
            paramLabel = "ZONE",
            description = "The time zone of the messages' dates (default: the city's).")
    private String timeZone;

    @Option(
            names = "--signature",
            paramLabel = "TEXT",
            description =
                    "The messages' last line (default: <the city's name> 311 (sent by ZoneStat)).")
    private String signature;

    /** The settings the flags name. */
    NotifierSettings settings() {
        List<DeliveryChannel> channels = new ArrayList<>();
        if (smtpHost != null) {
            if (smtpPort < 1 || smtpPort > 65535) {
                throw Cli.invalid(spec, "--smtp-port", smtpPort, "in [1, 65535]");
            }
            channels.add(
                    new EmailChannel(
                            new EmailChannel.Smtp(
                                    smtpHost,
                                    smtpPort,
                                    smtpFrom,
                                    smtpUser,
                                    smtpPassword,
                                    smtpStartTls)));
        }
        if (webhookUrl != null) {
            if (!"http".equals(webhookUrl.getScheme()) && !"https".equals(webhookUrl.getScheme())) {
                throw Cli.invalid(spec, "--webhook-url", webhookUrl, "an http(s) URL");
            }
            channels.add(new WebhookChannel(webhookUrl, webhookSecret));
        }
        if (channels.isEmpty()) {
            throw Cli.invalid(spec, "--smtp-host", "(none)", "a relay, or a --webhook-url");
        }
        if (maxAttempts < 1) {
            throw Cli.invalid(spec, "--max-attempts", maxAttempts, ">= 1");
        }
        if (firstBackoffSeconds < 0) {
            throw Cli.invalid(spec, "--first-backoff-seconds", firstBackoffSeconds, ">= 0");
        }
        NotifierSettings d = NotifierSettings.forCity(kafka.servers(), channels, city.profile());
        ZoneId zone = d.timeZone();
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (java.time.DateTimeException e) {
                throw Cli.invalid(
                        spec, "--time-zone", timeZone, "a time zone like America/New_York");
            }
        }
        return new NotifierSettings(
                kafka.servers(),
                topics.topics(),
                group,
                channels,
                maxAttempts,
                Duration.ofSeconds(firstBackoffSeconds),
                d.maxBackoff(),
                zone,
                signature != null ? signature : d.signature(),
                d.clock());
    }

    @Override
    public Integer call() throws Exception {
        Notifier notifier = new Notifier(settings()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(notifier::close, "zonestat-notifier-stop"));
        System.out.println(
                "ZoneStat notifier running against " + kafka.servers() + "; Ctrl-C stops it.");
        Thread.currentThread().join();
        return 0;
    }

    public static void main(String[] args) {
        Cli.main(new NotifyCommand(), args);
    }
}
