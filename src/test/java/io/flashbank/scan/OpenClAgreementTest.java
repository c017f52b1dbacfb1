package io.flashbank.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenClAgreementTest {
    @Test
    void theJvmKernelAgreesWithItself() {
        assertThat(OpenClAgreement.disagreement(ScanKernel.jvm())).isEmpty();
    }

    @Test
    void namesTheFirstRowOfAKernelThatIsOffByMoreThanTheTolerance() {
        ScanKernel slightlyOff = new ScanKernel() {
            @Override
            public String name() {
                return "off";
            }

            @Override
            public void scan(ScanBatch batch) {
                ScanKernel.jvm().scan(batch);
                for (int row = 0; row < batch.size(); row++) {
                    batch.profit()[row] *= 1 + 1e-8;
                }
            }
        };

        assertThat(OpenClAgreement.disagreement(slightlyOff)).hasValueSatisfying(
                why -> assertThat(why).startsWith("check row ").contains("the JVM kernel gives"));
    }

    @Test
    void reportsAKernelThatFails() {
        ScanKernel failing = new ScanKernel() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void scan(ScanBatch batch) {
                throw new IllegalStateException("device lost");
            }
        };

        assertThat(OpenClAgreement.disagreement(failing)).hasValue("the check batch failed: device lost");
    }

    @Test
    void theCheckBatchHasRowsThatPayAndRowsThatDoNot() {
        // The check is only worth something if both outcomes occur: count them through a recording kernel.
        int[] paying = new int[2];
        ScanKernel recording = new ScanKernel() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void scan(ScanBatch checked) {
                ScanKernel.jvm().scan(checked);
                for (int row = 0; row < checked.size(); row++) {
                    paying[checked.profit()[row] > 0 ? 1 : 0]++;
                }
            }
        };

        OpenClAgreement.disagreement(recording);

        assertThat(paying[0]).as("rows that do not pay").isGreaterThan(30);
        assertThat(paying[1]).as("rows that pay").isGreaterThan(30);
    }
}
