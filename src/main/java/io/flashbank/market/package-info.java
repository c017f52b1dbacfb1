/**
 * Pools, reserves and candidate routes, and the exact integer math of Uniswap V2-style pairs: pure data, no I/O.
 */
package io.flashbank.market;
