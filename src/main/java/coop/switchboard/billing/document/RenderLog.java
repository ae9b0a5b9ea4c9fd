package coop.switchboard.billing.document;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Level;

/**
 * openhtmltopdf's log through SLF4J, so it follows the application's logging settings. Its INFO lines (fonts loaded,
 * selectors matched) come with every PDF, thousands in a bill run, so they are logged at DEBUG.
 */
final class RenderLog implements XRLogger {

    private static Logger logger(String where) {
        return LoggerFactory.getLogger(where == null ? "com.openhtmltopdf" : where);
    }

    @Override
    public void log(String where, Level level, String msg) {
        log(where, level, msg, null);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        Logger log = logger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            log.error(msg, th);
        } else if (value >= Level.WARNING.intValue()) {
            log.warn(msg, th);
        } else if (value >= Level.FINE.intValue()) {
            log.debug(msg, th);
        } else {
            log.trace(msg, th);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are the application's logging configuration's to set.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        int value = diagnostic.getLevel().intValue();
        Logger log = logger("com.openhtmltopdf");
        return value >= Level.WARNING.intValue() || (value >= Level.FINE.intValue() ? log.isDebugEnabled() : log.isTraceEnabled());
    }
}
