package io.flashbank.config;

/** A configuration that cannot be used; the message names the offending field by its path. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String field, String problem) {
        super(field + ": " + problem);
    }
}
