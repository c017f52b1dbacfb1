package io.flashbank.ledger;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The embedded server's generated passwords: the {@code postgres} superuser's (migrations of the server itself only)
 * and the service role's, kept in {@code flashbank-credentials.properties} in the data directory, readable by its
 * owner alone (0600). Nothing else on the machine can log in without them.
 *
 * @param adminPassword the {@code postgres} superuser's password
 * @param servicePassword the password of {@link #SERVICE_ROLE}, the role the engine works as
 */
public record EmbeddedCredentials(String adminPassword, String servicePassword) {
    /** The engine's role: it owns the ledger's tables and can do nothing else (no superuser, no roles, no databases). */
    public static final String SERVICE_ROLE = "flashbank";
    static final String FILE = "flashbank-credentials.properties";

    /** Two fresh 256-bit random passwords. */
    static EmbeddedCredentials generate() {
        SecureRandom random = new SecureRandom();
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        random.nextBytes(a);
        random.nextBytes(b);
        return new EmbeddedCredentials(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b));
    }

    /** The credentials kept in {@code dataDirectory}, or null when it has none (a fresh or an older directory). */
    public static EmbeddedCredentials read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String admin = p.getProperty("admin.password");
        String service = p.getProperty("service.password");
        if (admin == null || service == null || admin.isBlank() || service.isBlank()) {
            throw new IllegalStateException(file + " lacks admin.password or service.password");
        }
        return new EmbeddedCredentials(admin, service);
    }

    /** Writes them to {@code dataDirectory}, created 0600 before any secret is in it. */
    void write(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        Path tmp = dataDirectory.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                out.write("# The embedded ledger server's generated passwords (flashbank). Keep this file private (0600).\n");
                out.write("admin.password=" + adminPassword + "\n");
                out.write("service.password=" + servicePassword + "\n");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The passwords are never printed. */
    @Override
    public String toString() {
        return "EmbeddedCredentials[***]";
    }
}
