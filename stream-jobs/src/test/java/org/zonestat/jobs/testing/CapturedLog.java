package org.zonestat.jobs.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The lines logged to some loggers while it is open, as the test's log configuration lets them
 * through (a logger configured above a line's level never hands it over). Lines read {@code <logger
 * simple name>: <message>}.
 *
 * <p>Thread-safe: loggers may write from any thread.
 */
public final class CapturedLog implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LoggerConfig> configs;
    private final AbstractAppender appender;

    private CapturedLog(List<String> loggerNames) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender =
                new AbstractAppender(
                        "captured-" + System.identityHashCode(this),
                        null,
                        null,
                        true,
                        Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        String name = event.getLoggerName();
                        lines.add(
                                name.substring(name.lastIndexOf('.') + 1)
                                        + ": "
                                        + event.getMessage().getFormattedMessage());
                    }
                };
        appender.start();
        configs =
                loggerNames.stream()
                        .map(n -> context.getConfiguration().getLoggerConfig(n))
                        .toList();
        configs.forEach(c -> c.addAppender(appender, null, null));
        context.updateLoggers();
    }

    /** Starts capturing what these loggers log (each configured in the test's log config). */
    public static CapturedLog of(String... loggerNames) {
        return new CapturedLog(List.of(loggerNames));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        configs.forEach(c -> c.removeAppender(appender.getName()));
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        appender.stop();
    }
}
