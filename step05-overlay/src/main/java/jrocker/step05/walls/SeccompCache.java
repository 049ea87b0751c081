package jrocker.step05.walls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Seccomp programs built before, in {@code DATA_ROOT/seccomp/}: one file per profile, capability set,
 * architecture and kernel. Building one costs a JVM about a quarter of a second of CPU (reading the profile,
 * loading libseccomp, hundreds of calls into it), on every start; the program for the same inputs is always
 * the same, so each is built once and read back after.
 */
final class SeccompCache {
    private SeccompCache() {
    }

    /** The program for these inputs: read from the cache, or made by {@code build} and kept. */
    static byte[] program(Path directory, String profileText, CapabilitySet capabilities, String arch, String kernel,
                          Supplier<byte[]> build) {
        Path file = directory.resolve(key(profileText, capabilities, arch, kernel) + ".bpf");
        try {
            if (Files.isRegularFile(file)) {
                byte[] program = Files.readAllBytes(file);
                if (program.length > 0 && program.length % 8 == 0) {
                    return program;
                }
            }
            byte[] program = build.get();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "building-", ".tmp");
            try {
                Files.write(temporary, program);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return program;
        } catch (IOException e) {
            throw new UncheckedIOException("seccomp program cache " + directory + ": " + e.getMessage(), e);
        }
    }

    /** sha256 of everything the program depends on. */
    static String key(String profileText, CapabilitySet capabilities, String arch, String kernel) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {profileText, capabilities.hex(), arch, kernel}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
