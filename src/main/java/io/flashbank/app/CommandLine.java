package io.flashbank.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One command's arguments: {@code --name value} flags from a known set, and at most a fixed number of plain words. */
final class CommandLine {
    private final String command;
    private final Map<String, String> flags;
    private final List<String> words;

    private CommandLine(String command, Map<String, String> flags, List<String> words) {
        this.command = command;
        this.flags = flags;
        this.words = words;
    }

    /**
     * Parses {@code args} of {@code command}: every {@code --flag} must be one of {@code allowed} and have a value, given
     * once; at most {@code maxWords} other arguments. Anything else is an {@link IllegalArgumentException} naming it.
     */
    static CommandLine parse(String command, List<String> args, Set<String> allowed, int maxWords) {
        Map<String, String> flags = new HashMap<>();
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (words.size() >= maxWords) {
                    throw new IllegalArgumentException(command + ": unexpected argument '" + arg + "'");
                }
                words.add(arg);
                continue;
            }
            if (!allowed.contains(arg)) {
                throw new IllegalArgumentException(command + ": unknown flag " + arg + " (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(command + ": " + arg + " needs a value");
            }
            if (flags.put(arg, args.get(++i)) != null) {
                throw new IllegalArgumentException(command + ": " + arg + " is given twice");
            }
        }
        return new CommandLine(command, flags, List.copyOf(words));
    }

    /** The plain word at {@code index}, else {@code fallback}. */
    String word(int index, String fallback) {
        return index < words.size() ? words.get(index) : fallback;
    }

    /** The value of {@code flag}, else {@code fallback} (which may be null). */
    String string(String flag, String fallback) {
        return flags.getOrDefault(flag, fallback);
    }

    /** The value of {@code flag} as an integer in {@code [min, max]}, else {@code fallback}. */
    long integer(String flag, long fallback, long min, long max) {
        String value = flags.get(flag);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": " + flag + " must be an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(command + ": " + flag + " must be in [" + min + ", " + max + "], got " + parsed);
        }
        return parsed;
    }
}
