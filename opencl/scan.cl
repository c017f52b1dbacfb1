// FlashBank scan kernel: one work-item per candidate cycle of a ScanBatch (see io.flashbank.scan.ScanKernel).
// OpenClScanKernel loads this file from the classpath (opencl/scan.cl), compiles it and binds its arguments in order.
//
// Row r has hopCount[r] hops (1 to hopStride) at index r * hopStride + h of reserveIn, reserveOut and gamma. The hops
// fold into one virtual pool (E_in, E_out); with the flash fee f the best input is sqrt(E_in)*d/sqrt(1+f) and its
// profit d^2, where d = sqrt(E_out) - sqrt((1+f)*E_in), when E_in > 0 and d > 0; otherwise both are 0.
//
// This is the same sequence of IEEE double operations as JvmScanKernel, so it rounds the same way: no contraction
// into fused multiply-adds (Java never fuses), and sqrt and division are correctly rounded in double precision by the
// OpenCL specification. The host passes sqrt(1+f) and its inverse, computed once in Java as the JVM kernel does.

#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

__kernel void scan(
        const int rows,
        const int hopStride,
        const double sqrtFee,
        const double inverseSqrtFee,
        __global const int *hopCount,
        __global const double *reserveIn,
        __global const double *reserveOut,
        __global const double *gamma,
        __global double *amountIn,
        __global double *profit,
        __global int *status) {
    const int row = get_global_id(0);
    // Tells the host that the launch ran: Aparapi reports a failed enqueue only on stderr.
    if (row == 0) {
        status[0] = rows;
    }
    // The launch is rounded up to whole work-groups: the extra work-items do nothing.
    if (row >= rows) {
        return;
    }
    const long i = (long) row * hopStride;
    double in = reserveIn[i] / gamma[i];
    double out = reserveOut[i];
    const long end = i + hopCount[row];
    for (long h = i + 1; h < end; h++) {
        const double hopIn = reserveIn[h];
        const double g = gamma[h];
        const double scale = 1.0 / (hopIn + g * out);
        in = in * hopIn * scale;
        out = out * reserveOut[h] * g * scale;
    }
    const double rootIn = sqrt(in);
    const double edge = sqrt(out) - sqrtFee * rootIn;
    // Empty reserves (in == 0), NaN and a route that does not pay all fail the same test.
    const int pays = in > 0.0 && edge > 0.0;
    amountIn[row] = pays ? rootIn * edge * inverseSqrtFee : 0.0;
    profit[row] = pays ? edge * edge : 0.0;
}
