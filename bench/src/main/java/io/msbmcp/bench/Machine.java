package io.msbmcp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine: CPU model and count, memory, Java. */
final class Machine {
    private Machine() {}

    /** The 1-minute load average (other work on the machine skews every figure), or "?" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String describe(Path launcher) {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB RAM")
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            // not Linux: keep what we have
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + "), launcher "
                + launcher.getFileName();
    }
}
