/**
 * Opportunities as the rest of the engine sees them, and the book that merges every chain's reports into one ranking.
 */
package io.flashbank.rank;
