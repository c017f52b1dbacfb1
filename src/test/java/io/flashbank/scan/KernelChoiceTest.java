package io.flashbank.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.Test;

class KernelChoiceTest {
    @Test
    void jvmPreferenceGivesTheJvmKernelAndSaysSo() {
        KernelChoice choice = KernelChoice.choose("jvm");

        assertThat(choice.openCl()).isFalse();
        assertThat(choice.kernel().name()).isEqualTo("jvm");
        assertThat(choice.device()).contains("JVM");
        assertThat(choice.reason()).contains("jvm");
    }

    @Test
    void preferenceIgnoresCaseAndSurroundingSpace() {
        assertThat(KernelChoice.choose(" JVM ").kernel().name()).isEqualTo("jvm");
    }

    @Test
    void rejectsAnUnknownPreferenceNamingTheValidOnes() {
        assertThatThrownBy(() -> KernelChoice.choose("fpga")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[auto, gpu, cpu, jvm]").hasMessageContaining("fpga");
        assertThatThrownBy(() -> KernelChoice.choose(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void autoPicksAnOpenClDeviceThatAgreesWithTheJvmKernel() {
        KernelChoice choice = OpenClScanKernelTest.openClOrSkip();

        assertThat(choice.kernel().name()).isEqualTo("opencl");
        assertThat(choice.device()).isNotBlank();
        assertThat(choice.reason()).startsWith("auto: ").contains("agrees with the JVM kernel");
        assertThat(choice.toString()).contains("opencl on " + choice.device());
    }

    @Test
    void cpuPreferencePicksTheOpenClCpuDevice() {
        OpenClScanKernelTest.openClOrSkip();
        assumeTrue(!OpenCLDevice.listDevices(Device.TYPE.CPU).isEmpty(), "no OpenCL CPU device here");

        try (KernelChoice choice = KernelChoice.choose("cpu")) {
            assertThat(choice.openCl()).isTrue();
            assertThat(choice.reason()).startsWith("cpu: ").contains("CPU device");
            assertThat(choice.device()).contains("CPU");
        }
    }

    @Test
    void gpuPreferenceFailsWithTheReasonWhenThereIsNoGpu() {
        assumeTrue(OpenCLDevice.listDevices(Device.TYPE.GPU).isEmpty(), "this machine has an OpenCL GPU");

        assertThatThrownBy(() -> KernelChoice.choose("gpu")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no OpenCL GPU can run the scan").hasMessageContaining("no OpenCL GPU device");
    }

    @Test
    void autoFallsBackToTheJvmKernelWithEveryReasonWhenNoDeviceWorks() {
        assumeTrue(OpenCLDevice.listDevices(null).isEmpty(), "this machine has an OpenCL device");

        KernelChoice choice = KernelChoice.choose("auto");

        assertThat(choice.kernel().name()).isEqualTo("jvm");
        assertThat(choice.reason()).contains("no OpenCL GPU device").contains("no OpenCL CPU device");
    }
}
