package jrocker.step05.image;

import java.util.Locale;

/**
 * An operating system and CPU architecture in the OCI (and Go) spelling: {@code linux/amd64},
 * {@code linux/arm64/v8}. A multi-platform image index lists one manifest per platform; jrocker runs
 * programs natively (no emulation), so it picks the one for the machine it runs on: {@link #current()}.
 *
 * @param variant the CPU variant ({@code v7} for 32-bit ARM, {@code v8} for arm64), or null
 */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        Json.required(os, "os");
        Json.required(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
    }

    /** The platform of this JVM: linux and {@code os.arch} translated to Go's names (amd64, arm64, ...). */
    public static Platform current() {
        return new Platform("linux", goArchitecture(System.getProperty("os.arch")), null);
    }

    /** Parse {@code os/architecture[/variant]}, e.g. {@code linux/arm64}. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform \"" + text
                    + "\": expected os/architecture[/variant], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Java's {@code os.arch} names differ from the ones images use. */
    static String goArchitecture(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }

    /**
     * True if an image built for {@code candidate} runs here. The variant counts only when both name one:
     * most indexes give none for amd64, and arm64 images say v8 or nothing.
     */
    public boolean matches(Platform candidate) {
        return os.equals(candidate.os) && architecture.equals(candidate.architecture)
                && (variant == null || candidate.variant == null || variant.equals(candidate.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
