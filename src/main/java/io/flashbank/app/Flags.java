package io.flashbank.app;

import io.flashbank.config.HttpConfig;
import io.flashbank.scan.KernelChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of flag values picocli cannot express, failing as usage errors (exit 2) that name the flag. */
public final class Flags {
    private Flags() {
    }

    /** {@code value} of {@code flag} when it is in {@code [min, max]}, else a usage error of {@code spec}'s command. */
    public static long inRange(CommandSpec spec, String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), flag + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** {@link #inRange(CommandSpec, String, long, long, long)} for an {@code int} flag. */
    public static int inRange(CommandSpec spec, String flag, int value, int min, int max) {
        return (int) inRange(spec, flag, (long) value, min, max);
    }

    /** {@code value} of {@code flag} when a server can bind it ({@link HttpConfig#checkHost}), else a usage error. */
    public static String host(CommandSpec spec, String flag, String value) {
        try {
            return HttpConfig.checkHost(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), flag + " " + e.getMessage());
        }
    }

    /** {@code --kernel}'s value when it is one of {@link KernelChoice#PREFERENCES}, else a usage error. */
    public static String kernel(CommandSpec spec, String value) {
        if (value == null || !KernelChoice.PREFERENCES.contains(value.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "--kernel must be one of "
                    + String.join(", ", KernelChoice.PREFERENCES) + ", got '" + value + "'");
        }
        return value;
    }
}
