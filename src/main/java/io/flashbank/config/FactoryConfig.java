package io.flashbank.config;

/** A Uniswap V2-style factory to discover pools from, with its swap fee. */
public record FactoryConfig(String address, int feeBps) {
}
