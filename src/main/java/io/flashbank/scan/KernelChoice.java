package io.flashbank.scan;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The scan kernel picked at start and why: an OpenCL GPU if one works, else an OpenCL CPU device, else the JVM.
 *
 * @param kernel the kernel to scan with; an OpenCL one must be called only on the scan scheduler
 * @param device where it runs, as people read it (e.g. {@code "JVM, one thread"})
 * @param reason why it was picked, for logs, {@code /health} and the monitor
 */
public record KernelChoice(ScanKernel kernel, String device, String reason) implements AutoCloseable {
    /** The preferences {@link #choose} accepts. */
    public static final List<String> PREFERENCES = List.of("auto", "gpu", "cpu", "jvm");

    private static final String JVM_DEVICE = "JVM, one thread";

    public KernelChoice {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Picks the kernel for {@code preference}: {@code auto} takes the first OpenCL GPU that builds the kernel and
     * answers a check batch as the JVM kernel does (the same rows pay, amounts within 1e-9 relative), else such an
     * OpenCL CPU device, else the JVM kernel; {@code gpu} and {@code cpu} take only that kind of OpenCL device;
     * {@code jvm} takes the JVM kernel. GPUs and CPU devices are tried in order of compute units, most first.
     *
     * <p>Blocking (lists the OpenCL platforms, compiles the kernel for each device it tries): call it at start, on a
     * thread that may block. Close the choice when the scanner is done with it.
     *
     * @throws IllegalArgumentException when {@code preference} is not one of {@link #PREFERENCES}
     * @throws IllegalStateException when {@code gpu} or {@code cpu} is asked for and no such device works; the
     *     message says what was tried and why each failed
     */
    public static KernelChoice choose(String preference) {
        String wanted = preference == null ? "" : preference.trim().toLowerCase(Locale.ROOT);
        List<String> failures = new ArrayList<>();
        return switch (wanted) {
            case "jvm" -> jvm("the jvm kernel was asked for");
            case "gpu" -> openCl(List.of(Device.TYPE.GPU), wanted, failures).orElseThrow(
                    () -> new IllegalStateException("no OpenCL GPU can run the scan: " + String.join("; ", failures)));
            case "cpu" -> openCl(List.of(Device.TYPE.CPU), wanted, failures).orElseThrow(
                    () -> new IllegalStateException("no OpenCL CPU device can run the scan: "
                            + String.join("; ", failures)));
            case "auto" -> openCl(List.of(Device.TYPE.GPU, Device.TYPE.CPU), wanted, failures).orElseGet(
                    () -> jvm("auto: no OpenCL device can run the scan (" + String.join("; ", failures) + ")"));
            default -> throw new IllegalArgumentException("scan kernel preference must be one of " + PREFERENCES
                    + ", got '" + preference + "'");
        };
    }

    /** Whether the kernel runs on an OpenCL device. */
    public boolean openCl() {
        return kernel instanceof OpenClScanKernel;
    }

    /** Releases the OpenCL program, if any. Call after the last scan has returned. */
    @Override
    public void close() {
        if (kernel instanceof OpenClScanKernel openClKernel) {
            openClKernel.close();
        }
    }

    @Override
    public String toString() {
        return kernel.name() + " on " + device + ": " + reason;
    }

    private static KernelChoice jvm(String reason) {
        return new KernelChoice(ScanKernel.jvm(), JVM_DEVICE, reason);
    }

    /** The first device of the first of {@code types} that has one that works; adds why each other failed. */
    private static Optional<KernelChoice> openCl(List<Device.TYPE> types, String preference, List<String> failures) {
        for (Device.TYPE type : types) {
            List<OpenCLDevice> devices;
            try {
                devices = new ArrayList<>(OpenCLDevice.listDevices(type));
            } catch (LinkageError | RuntimeException e) {
                // No OpenCL library, or Aparapi's native library does not load on this platform.
                failures.add("OpenCL is not available (" + e + ")");
                return Optional.empty();
            }
            if (devices.isEmpty()) {
                failures.add("no OpenCL " + type + " device");
                continue;
            }
            devices.sort(Comparator.comparingInt(OpenCLDevice::getMaxComputeUnits).reversed());
            for (OpenCLDevice device : devices) {
                String description = OpenClScanKernel.describe(device);
                OpenClScanKernel kernel;
                try {
                    kernel = OpenClScanKernel.open(device);
                } catch (LinkageError | RuntimeException e) {
                    failures.add(description + ": " + e.getMessage());
                    continue;
                }
                Optional<String> disagreement = OpenClAgreement.disagreement(kernel);
                if (disagreement.isPresent()) {
                    kernel.close();
                    failures.add(description + ": " + disagreement.get());
                    continue;
                }
                String tried = failures.isEmpty() ? "" : String.join("; ", failures) + "; ";
                return Optional.of(new KernelChoice(kernel, description, preference + ": " + tried + "the OpenCL "
                        + type + " device builds " + OpenClScanKernel.SOURCE_RESOURCE
                        + " and agrees with the JVM kernel"));
            }
        }
        return Optional.empty();
    }
}
