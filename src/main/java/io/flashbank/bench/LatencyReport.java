package io.flashbank.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the latency benchmark measured: per feed message, its receive time minus the close time of the window whose
 * report produced its view, split at the moment the book published that view.
 *
 * <p>A window's {@code closedAt} is when its scan began on the scan thread, which can trail the timer's tick when
 * that thread is busy applying chain events. Ticks come at a fixed rate ({@code t0 + (index + 1) × window}), so the
 * report also estimates each tick's time, taking the least-delayed window seen as on time (an underestimate of the
 * delay by that window's own delay, which is at least 0 and usually under a millisecond).
 */
final class LatencyReport {
    private final double[] closeToReceive;
    private final double[] closeToPublish;
    private final double[] tickToReceive;
    private final double[] newestDetectedAt;
    private final int unattributed;
    private final long viewsPublished;
    private final int medianCandidates;
    private final double medianScanMillis;
    private final Duration measured;
    private final String cpu;
    private final List<String> slowest;
    private final List<String> warmUp;

    private LatencyReport(List<Sample> samples, double[] newestDetectedAt, int unattributed, long viewsPublished,
                          List<String> warmUp, Duration window, Duration measured, String cpu) {
        int n = samples.size();
        closeToReceive = sorted(samples.stream().mapToDouble(s -> millis(s.origin.closedAt(), s.receivedAt)).toArray());
        closeToPublish = sorted(samples.stream().mapToDouble(s -> millis(s.origin.closedAt(), s.origin.publishedAt())).toArray());
        // t0 + (index + 1) × window is the tick; the smallest closedAt - (index + 1) × window is the best estimate of t0.
        long windowNanos = window.toNanos();
        double t0 = samples.stream().mapToDouble(s -> nanosOf(s.origin.closedAt()) - (s.origin.windowIndex() + 1) * (double) windowNanos)
                .min().orElse(0);
        tickToReceive = sorted(samples.stream()
                .mapToDouble(s -> (nanosOf(s.receivedAt) - (t0 + (s.origin.windowIndex() + 1) * (double) windowNanos)) / 1e6).toArray());
        int[] candidates = samples.stream().mapToInt(s -> s.origin.candidatesScanned()).sorted().toArray();
        double[] scan = sorted(samples.stream().mapToDouble(s -> s.origin.scanNanos() / 1e6).toArray());
        this.newestDetectedAt = sorted(newestDetectedAt);
        this.unattributed = unattributed;
        this.viewsPublished = viewsPublished;
        this.medianCandidates = n == 0 ? 0 : candidates[n / 2];
        this.medianScanMillis = percentile(scan, 50);
        this.measured = measured;
        this.cpu = cpu;
        this.warmUp = List.copyOf(warmUp);
        this.slowest = samples.stream()
                .sorted((x, y) -> Double.compare(millis(y.origin.closedAt(), y.receivedAt), millis(x.origin.closedAt(), x.receivedAt)))
                .limit(3)
                .map(x -> String.format("window %d: %.1f ms (%.1f to publish, %.1f publish to receive)", x.origin.windowIndex(),
                        millis(x.origin.closedAt(), x.receivedAt), millis(x.origin.closedAt(), x.origin.publishedAt()),
                        millis(x.origin.publishedAt(), x.receivedAt)))
                .toList();
    }

    private record Sample(Instant receivedAt, LatencyBenchmark.ViewOrigin origin) {
    }

    /**
     * @param received every feed message in arrival order; the first, sent on connect, is never counted
     * @param countFrom messages received before this are the client's warm-up, reported apart
     * @param origins the window behind each view version the book published
     * @param cpu how busy the machine was while the counted messages arrived
     */
    static LatencyReport of(List<FeedRecorder.Received> received, Instant countFrom,
                            Map<Long, LatencyBenchmark.ViewOrigin> origins, Duration window, Duration measured,
                            String cpu) {
        List<Sample> samples = new ArrayList<>();
        List<String> warmUp = new ArrayList<>();
        List<Double> detected = new ArrayList<>();
        int unattributed = 0;
        for (FeedRecorder.Received r : received.subList(Math.min(1, received.size()), received.size())) {
            LatencyBenchmark.ViewOrigin origin = origins.get(r.version());
            if (r.receivedAt().isBefore(countFrom)) {
                if (origin != null) {
                    warmUp.add(String.format("%.1f (%.1f to publish)", millis(origin.closedAt(), r.receivedAt()),
                            millis(origin.closedAt(), origin.publishedAt())));
                }
                continue;
            }
            if (r.newestDetectedAt() != null) {
                detected.add(millis(r.newestDetectedAt(), r.receivedAt()));
            }
            if (origin == null) {
                unattributed++;
            } else {
                samples.add(new Sample(r.receivedAt(), origin));
            }
        }
        List<FeedRecorder.Received> counted = received.stream().filter(r -> !r.receivedAt().isBefore(countFrom)).toList();
        long views = counted.size() < 2 ? 0 : counted.get(counted.size() - 1).version() - counted.get(0).version() + 1;
        return new LatencyReport(samples, detected.stream().mapToDouble(Double::doubleValue).toArray(), unattributed, views,
                warmUp, window, measured, cpu);
    }

    /** The p99 of window close → message, in milliseconds (NaN with no message). */
    double p99Millis() {
        return percentile(closeToReceive, 99);
    }

    void print(PrintStream out) {
        out.printf("  %d messages in %.0f s (the book published %d views meanwhile)%n",
                closeToReceive.length + unattributed, measured.toMillis() / 1e3, viewsPublished);
        out.printf("  CPU meanwhile: %s%n", cpu);
        out.printf("  not counted, still warming up (JIT): the message sent on connect and the %d after it in the first seconds,%n"
                + "    close -> receive %s ms%n", warmUp.size(), warmUp);
        out.printf("  window close -> WebSocket message: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d messages attributed to "
                + "their window, %d not)%n", percentile(closeToReceive, 50), p99Millis(), max(closeToReceive),
                closeToReceive.length, unattributed);
        out.printf("    close -> view published (scan, re-quote, rank): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(closeToPublish, 50), percentile(closeToPublish, 99), max(closeToPublish));
        out.printf("    per window: %,d candidates scanned, kernel %.2f ms (medians)%n", medianCandidates, medianScanMillis);
        out.printf("    slowest: %s%n", String.join("; ", slowest));
        out.printf("  timer tick -> WebSocket message (tick estimated): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(tickToReceive, 50), percentile(tickToReceive, 99), max(tickToReceive));
        out.printf("  cross-check, receive - newest detectedAt in the message: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(newestDetectedAt, 50), percentile(newestDetectedAt, 99), max(newestDetectedAt));
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(double[] sortedValues, int p) {
        if (sortedValues.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedValues.length);
        return sortedValues[Math.max(0, rank - 1)];
    }

    private static double max(double[] sortedValues) {
        return sortedValues.length == 0 ? Double.NaN : sortedValues[sortedValues.length - 1];
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1e9 + instant.getNano();
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
