package io.deltasql.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the machine is, for the report. */
final class MachineInfo {
    private MachineInfo() {}

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // Not Linux.
        }
        return System.getProperty("os.arch");
    }

    static String describe() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runtime rt = Runtime.getRuntime();
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.1f GB RAM, %s %s (%s), Java %s (%s), max heap %.1f GB",
                rt.availableProcessors(),
                cpu(),
                os.getTotalMemorySize() / 1e9,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.maxMemory() / 1e9);
    }
}
