package io.flashbank.scan;

import com.aparapi.ProfileInfo;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLArgDescriptor;
import com.aparapi.internal.opencl.OpenCLKernel;
import com.aparapi.internal.opencl.OpenCLProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scan kernel as one OpenCL launch per batch of {@code opencl/scan.cl}, compiled once for one device.
 *
 * <p>Threads: {@link #scan} blocks until the device is done and must run only on the dedicated scan scheduler (the
 * {@link WindowScanner}'s), one call at a time; a concurrent call fails. {@link #close} runs after the last scan.
 *
 * <p>Buffers: the device reads and writes the batch's own arrays, which the batch sizes once and grows only when the
 * market grows. Each launch sends the input arrays and fetches the output arrays whole (their capacity, not just the
 * batch's rows), because Aparapi's OpenCL binding has no partial or explicit transfers. On a device that shares host
 * memory (PoCL, integrated GPUs) the OpenCL buffers wrap the Java arrays and the transfers copy nothing. Rows past
 * {@code batch.size()} come back as the device last held them.
 *
 * <p>Why the kernel object is made per launch: Aparapi keeps each argument's buffer bound to the address of the Java
 * array it was first given; when a later launch gets a grown array, or the garbage collector moved the array between
 * launches, its native code pins the array twice and releases it once, which leaves a JNI critical region open and
 * stops the JVM at its next garbage collection. A kernel object made for one launch and disposed after it starts from
 * unbound arguments each time, so every pin is released. It costs a {@code clCreateKernel} and a buffer wrapper per
 * argument per launch (about 0.1 ms on PoCL); the compiled program is reused. While a launch runs the arrays stay
 * pinned, so the JVM defers garbage collection until it returns.
 */
final class OpenClScanKernel implements ScanKernel, AutoCloseable {
    /** The classpath location of the kernel source, copied from {@code opencl/scan.cl} at the repository root. */
    static final String SOURCE_RESOURCE = "opencl/scan.cl";
    private static final String KERNEL_NAME = "scan";
    private static final int WORK_GROUP_SIZE = 256;
    /** Aparapi's native code computes buffer sizes in a Java {@code int}. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE;
    /** Writes of the four input arrays, the launch, reads of the three output arrays, in Aparapi's order. */
    private static final int WRITES = 4;
    private static final int READS = 3;

    private final OpenCLDevice device;
    private final String description;
    private final OpenCLProgram program;
    private final Range range;
    private final int[] status = new int[1];
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;
    private LaunchTimes lastLaunch = LaunchTimes.NONE;

    private OpenClScanKernel(OpenCLDevice device, String description, OpenCLProgram program) {
        this.device = device;
        this.description = description;
        this.program = program;
        int workGroup = Math.max(1, Math.min(WORK_GROUP_SIZE, device.getMaxWorkGroupSize()));
        this.range = Range.create(device, workGroup, workGroup);
    }

    /**
     * Compiles {@code opencl/scan.cl} for {@code device}. Blocking (the driver's compiler runs, tens of milliseconds
     * to a few seconds).
     *
     * <p>A device that does not build the source shows only at the first {@link #scan}, which then fails (the
     * compiler's log goes to standard error): run a batch before relying on the kernel.
     *
     * @throws IllegalStateException when the source is not on the classpath
     */
    static OpenClScanKernel open(OpenCLDevice device) {
        Objects.requireNonNull(device, "device");
        String source = source();
        OpenCLProgram program = new OpenCLProgram(device, source).createProgram(device);
        return new OpenClScanKernel(device, describe(device), program);
    }

    /** The kernel source as the program runs it. */
    static String source() {
        try (InputStream in = OpenClScanKernel.class.getClassLoader().getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE_RESOURCE + " is not on the classpath (the build copies it there"
                        + " from opencl/ at the repository root)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SOURCE_RESOURCE, e);
        }
    }

    /** A device as people read it, e.g. {@code "pthread-skylake (Portable Computing Language, CPU, 2 units)"}. */
    static String describe(OpenCLDevice device) {
        return device.getName() + " (" + device.getOpenCLPlatform().getName() + ", " + device.getType() + ", "
                + device.getMaxComputeUnits() + " compute units)";
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** The device this kernel runs on, as people read it. */
    String device() {
        return description;
    }

    /** How long the device spent on the last launch's transfers and compute (zeros before the first launch). */
    LaunchTimes lastLaunch() {
        return lastLaunch;
    }

    @Override
    public java.util.Optional<LaunchTimes> launchTimes() {
        return java.util.Optional.of(lastLaunch);
    }

    @Override
    public void scan(ScanBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("the OpenCL scan kernel was called concurrently; call it only on the scan"
                    + " scheduler");
        }
        try {
            if (closed) {
                throw new IllegalStateException("the OpenCL scan kernel on " + description + " is closed");
            }
            if (batch.size() > 0) {
                launch(batch);
            }
        } finally {
            busy.set(false);
        }
    }

    private void launch(ScanBatch batch) {
        int rows = batch.size();
        checkFits(batch);
        double sqrtFee = Math.sqrt(1 + batch.flashFeeRate());
        int workGroup = range.getLocalSize_0();
        range.setGlobalSize_0((int) ((rows + (long) workGroup - 1) / workGroup * workGroup));
        status[0] = -1;
        long start = System.nanoTime();
        OpenCLKernel kernel = OpenCLKernel.createKernel(program, KERNEL_NAME, arguments());
        if (kernel == null) {
            // How Aparapi reports a program that did not build.
            throw new IllegalStateException("the OpenCL compiler of " + description + " did not build "
                    + SOURCE_RESOURCE + " (its log is on standard error)");
        }
        try {
            kernel.invoke(new Object[] {range, rows, ScanBatch.MAX_HOPS, sqrtFee, 1 / sqrtFee,
                batch.hopCount(), batch.reserveIn(), batch.reserveOut(), batch.gamma(),
                batch.amountIn(), batch.profit(), status});
        } finally {
            kernel.dispose();
        }
        long wall = System.nanoTime() - start;
        if (status[0] != rows) {
            throw new IllegalStateException("the OpenCL scan of " + rows + " rows on " + description
                    + " did not run (Aparapi's error is on standard error)");
        }
        lastLaunch = launchTimes(program.getProfileInfo(), wall);
    }

    private void checkFits(ScanBatch batch) {
        long largest = (long) batch.reserveIn().length * Double.BYTES;
        long total = (long) batch.capacity() * (Integer.BYTES + 2L * Double.BYTES) + 3 * largest;
        long limit = Math.min(MAX_ARRAY_BYTES, device.getMaxMemAllocSize());
        if (largest > limit || total > device.getGlobalMemSize()) {
            throw new IllegalStateException("a batch of capacity " + batch.capacity() + " needs " + total
                    + " bytes in buffers of up to " + largest + " bytes; " + description + " takes at most " + limit
                    + " bytes per buffer and " + device.getGlobalMemSize() + " in all");
        }
    }

    /** The kernel's arguments after the range, in the order of {@code opencl/scan.cl}. */
    private static List<OpenCLArgDescriptor> arguments() {
        return List.of(
                value("rows", OpenCLArgDescriptor.ARG_INT_BIT),
                value("hopStride", OpenCLArgDescriptor.ARG_INT_BIT),
                value("sqrtFee", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                value("inverseSqrtFee", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                input("hopCount", OpenCLArgDescriptor.ARG_INT_BIT),
                input("reserveIn", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                input("reserveOut", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                input("gamma", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                output("amountIn", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                output("profit", OpenCLArgDescriptor.ARG_DOUBLE_BIT),
                output("status", OpenCLArgDescriptor.ARG_INT_BIT));
    }

    private static OpenCLArgDescriptor value(String name, long type) {
        return new OpenCLArgDescriptor(name, type | OpenCLArgDescriptor.ARG_PRIMITIVE_BIT);
    }

    private static OpenCLArgDescriptor input(String name, long type) {
        return new OpenCLArgDescriptor(name, type | OpenCLArgDescriptor.ARG_ARRAY_BIT
                | OpenCLArgDescriptor.ARG_GLOBAL_BIT | OpenCLArgDescriptor.ARG_READONLY_BIT);
    }

    private static OpenCLArgDescriptor output(String name, long type) {
        return new OpenCLArgDescriptor(name, type | OpenCLArgDescriptor.ARG_ARRAY_BIT
                | OpenCLArgDescriptor.ARG_GLOBAL_BIT | OpenCLArgDescriptor.ARG_WRITEONLY_BIT);
    }

    /** Releases the compiled program, its command queue and context. Call after the last scan has returned. */
    @Override
    public void close() {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("the OpenCL scan kernel is closing while a scan runs");
        }
        try {
            if (!closed) {
                closed = true;
                program.dispose();
            }
        } finally {
            busy.set(false);
        }
    }

    @Override
    public String toString() {
        return "opencl on " + description;
    }

    /** The device times of one launch from OpenCL's event profiling ({@code -1} each when the events do not add up). */
    private static LaunchTimes launchTimes(List<ProfileInfo> events, long wallNanos) {
        if (events.size() != WRITES + 1 + READS) {
            return new LaunchTimes(-1, -1, wallNanos);
        }
        long transfer = 0;
        for (int e = 0; e < events.size(); e++) {
            if (e != WRITES) {
                transfer += duration(events.get(e));
            }
        }
        return new LaunchTimes(transfer, duration(events.get(WRITES)), wallNanos);
    }

    private static long duration(ProfileInfo event) {
        return Math.max(0, event.getEnd() - event.getStart());
    }
}
