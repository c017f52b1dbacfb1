package io.flashbank.scan;

/**
 * Device time of one kernel launch, in nanoseconds.
 *
 * @param transferNanos writing the inputs and reading the outputs (0 where the device shares host memory; -1 when the
 *     device did not report it)
 * @param computeNanos running the kernel (-1 when the device did not report it)
 * @param wallNanos the whole launch as the host saw it, with making the kernel object and waiting
 */
public record LaunchTimes(long transferNanos, long computeNanos, long wallNanos) {
    /** Before the first launch. */
    public static final LaunchTimes NONE = new LaunchTimes(0, 0, 0);
}
