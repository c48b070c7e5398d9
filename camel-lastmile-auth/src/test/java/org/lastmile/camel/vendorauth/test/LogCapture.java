package org.lastmile.camel.vendorauth.test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event at DEBUG and above, from every logger, with its stack trace, until closed.
 *
 * <p>
 * Two loggers stay at INFO: Apache HttpClient's {@code org.apache.hc.client5.http.wire} and
 * {@code org.apache.hc.client5.http.headers}, which by design dump raw HTTP traffic, credentials included, and which the
 * README's security section tells never to enable outside a lab.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> RAW_TRAFFIC = List.of("org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<LoggerConfig, Level> previousLevels = new ConcurrentHashMap<>();
    private final AbstractAppender appender;

    public LogCapture() {
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        for (String raw : RAW_TRAFFIC) {
            if (!config.getLoggers().containsKey(raw)) {
                config.addLogger(raw, new LoggerConfig(raw, Level.INFO, true));
            }
        }
        for (LoggerConfig logger : config.getLoggers().values()) {
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(RAW_TRAFFIC.contains(logger.getName()) ? Level.INFO : Level.DEBUG);
            logger.addAppender(appender, Level.DEBUG, null);
        }
        config.getRootLogger().setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    /** Everything captured so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
            Level previous = previousLevels.get(logger);
            if (previous != null) {
                logger.setLevel(previous);
            }
        }
        RAW_TRAFFIC.forEach(config::removeLogger);
        context.updateLoggers();
        appender.stop();
    }
}
