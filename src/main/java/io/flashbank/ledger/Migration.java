package io.flashbank.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema migration, {@code V<version>__<name>.sql}, with the checksum that pins its text once applied.
 *
 * @param version 1, 2, … in the order they apply
 * @param name the part of the file name after the version
 * @param sql the statements, run in one transaction
 * @param checksum SHA-256 of the text with line endings normalised
 */
record Migration(int version, String name, String sql, String checksum) {
    private static final Pattern FILE = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive, got " + version);
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("migration V" + version + " is empty");
        }
    }

    /** Whether {@code fileName} names a migration. */
    static boolean isMigration(String fileName) {
        return FILE.matcher(fileName).matches();
    }

    /** The migration in file {@code fileName} with contents {@code text}. */
    static Migration of(String fileName, String text) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a migration file name (V<n>__<name>.sql): " + fileName);
        }
        String normalised = text.replace("\r\n", "\n");
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), normalised, sha256(normalised));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
