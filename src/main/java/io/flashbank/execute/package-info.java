/**
 * Execution of ranked opportunities: exact re-quote at the latest reserves, FlashBank pull plans, simulation, EIP-1559
 * signing with a locally tracked nonce, receipts, and the gas model calibrated from them.
 */
package io.flashbank.execute;
