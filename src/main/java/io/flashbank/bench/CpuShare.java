package io.flashbank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How busy the machine was between two readings of {@code /proc}, split into this benchmark's own process tree (the
 * JVM, its anvil nodes, its PostgreSQL) and everything else, so a figure taken on a shared machine says so.
 */
final class CpuShare {
    private final long machineBusy;
    private final long machineTotal;
    private final long ours;

    private CpuShare(long machineBusy, long machineTotal, long ours) {
        this.machineBusy = machineBusy;
        this.machineTotal = machineTotal;
        this.ours = ours;
    }

    /** A reading now; null where {@code /proc} cannot be read (not Linux). */
    static CpuShare read() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long ours;
            try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())) {
                ours = tree.mapToLong(p -> ticks(p.pid())).sum();
            }
            return new CpuShare(total - idle, total, ours);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of {@code pid} in clock ticks; 0 when it has exited meanwhile. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** "machine 63% busy: this benchmark 41%, everything else 22% (of 2 cores)" from {@code start} to now. */
    static String since(CpuShare start) {
        CpuShare end = read();
        if (start == null || end == null || end.machineTotal == start.machineTotal) {
            return "CPU share unknown";
        }
        double total = end.machineTotal - start.machineTotal;
        double busy = (end.machineBusy - start.machineBusy) / total;
        // Process ticks count per core; the machine's total counts every core, so both are shares of all cores.
        double ours = Math.min(busy, (end.ours - start.ours) / total);
        return String.format("machine %.0f%% busy: this benchmark %.0f%%, everything else %.0f%% (of %d cores)",
                100 * busy, 100 * ours, 100 * (busy - ours), Runtime.getRuntime().availableProcessors());
    }
}
