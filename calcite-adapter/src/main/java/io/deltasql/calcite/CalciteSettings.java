package io.deltasql.calcite;

import org.apache.calcite.config.CalciteSystemProperty;

/**
 * Calcite reads its system settings once, when {@link CalciteSystemProperty} initialises: this
 * module's {@code saffron.properties} (UTF-8 as the default charset, so string literals beyond
 * ISO-8859-1 work), looked up through the thread's context class loader before Calcite's own. A SQL
 * tool that loads the driver jar in a class loader of its own keeps its own loader as the context
 * loader, which does not hold the jar's settings: read them through this module's loader instead.
 */
public final class CalciteSettings {
    private CalciteSettings() {}

    /** Initialises Calcite's settings with this module's class loader as the context loader; later calls change nothing. */
    public static void load() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CalciteSettings.class.getClassLoader());
        try {
            CalciteSystemProperty.DEFAULT_CHARSET.value();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
