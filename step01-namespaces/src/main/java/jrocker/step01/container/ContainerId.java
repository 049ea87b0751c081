package jrocker.step01.container;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A container's ID: 64 random hex digits, shown as its first 12 like docker does. */
public record ContainerId(String full) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ContainerId {
        if (!full.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a container ID is 64 hex digits, not \"" + full + "\"");
        }
    }

    public static ContainerId random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ContainerId(HexFormat.of().formatHex(bytes));
    }

    /** The first 12 digits: what users see and type, and the default hostname. */
    public String shortId() {
        return full.substring(0, 12);
    }

    @Override
    public String toString() {
        return shortId();
    }
}
