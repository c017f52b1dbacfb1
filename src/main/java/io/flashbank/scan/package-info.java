/**
 * The scan: kernels that evaluate batches of candidates in doubles, and the window scanner that keeps a market current
 * from chain events and turns each window into exactly priced opportunities.
 */
package io.flashbank.scan;
