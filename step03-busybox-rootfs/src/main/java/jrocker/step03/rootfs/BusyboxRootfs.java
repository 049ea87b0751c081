package jrocker.step03.rootfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.linux.ElfFile;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarWriter;

/**
 * A root filesystem made from the host's static busybox: the same tree as {@code docker export} of a
 * container of the {@code busybox} image, as a tar, so that it goes through exactly the path an imported
 * image takes ({@link TarUnpacker}).
 *
 * <p>What it holds, all owned by 0:0 and dated with the busybox binary's mtime (so the same binary always
 * gives the same bytes):
 * <ul>
 *   <li>{@code bin/busybox} (0755) and one symlink per applet next to it: {@code bin/sh -> busybox}. The
 *       links are relative: an absolute {@code /usr/bin/busybox} from the host would dangle in the container.
 *       Like the busybox image, every applet is in bin/, even the ones a distribution puts in sbin/.</li>
 *   <li>the busybox image's directories: {@code dev etc home proc root sys tmp usr usr/sbin var var/spool
 *       var/spool/mail var/www}; {@code tmp} is 1777 (anyone may create, only the owner may delete),
 *       {@code root} is 0700.</li>
 *   <li>{@code etc/passwd} and {@code etc/group} with root and nobody, so that {@code id} and {@code ls -l}
 *       show names.</li>
 * </ul>
 * There is no /usr/bin (so no {@code #!/usr/bin/env}), as in the busybox image.
 */
public final class BusyboxRootfs {
    public static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            nobody:x:65534:65534:nobody:/home:/bin/false
            """;
    public static final String GROUP = """
            root:x:0:
            nogroup:x:65534:
            """;

    /** The directories besides bin/, with their modes, as in the busybox image. */
    private static final List<TarEntry> DIRECTORIES = List.of(
            TarEntry.directory("dev", 0755), TarEntry.directory("etc", 0755), TarEntry.directory("home", 0755),
            TarEntry.directory("proc", 0755), TarEntry.directory("root", 0700), TarEntry.directory("sys", 0755),
            TarEntry.directory("tmp", 01777), TarEntry.directory("usr", 0755), TarEntry.directory("usr/sbin", 0755),
            TarEntry.directory("var", 0755), TarEntry.directory("var/spool", 0755),
            TarEntry.directory("var/spool/mail", 0755), TarEntry.directory("var/www", 0755));

    private static final String INSTALL_HINT = "install busybox-static";

    private final Path busybox;
    private final long busyboxSize;
    private final List<String> applets;
    private final Instant mtime;

    private BusyboxRootfs(Path busybox, List<String> applets) throws IOException {
        this.busybox = busybox;
        this.busyboxSize = Files.size(busybox);
        this.applets = List.copyOf(applets);
        this.mtime = Instant.ofEpochSecond(Files.getLastModifiedTime(busybox).toInstant().getEpochSecond());
    }

    /** From the first busybox in PATH, /bin or /usr/bin; it must be statically linked. */
    public static BusyboxRootfs fromHost() throws IOException {
        return fromSearchResult(CommandLookup.onHost("busybox").orElse(null));
    }

    /** {@code found} is what the search of PATH gave: null for nothing. */
    static BusyboxRootfs fromSearchResult(Path found) throws IOException {
        if (found == null) {
            throw new IOException("no busybox found: install a static one, e.g. sudo apt-get install busybox-static"
                    + " (or pass --busybox PATH)");
        }
        return fromBinary(found);
    }

    /** From {@code busybox} (e.g. given with {@code --busybox PATH}); it must be statically linked. */
    public static BusyboxRootfs fromBinary(Path busybox) throws IOException {
        if (!Files.isRegularFile(busybox)) {
            throw new IOException("no busybox at " + busybox + ": no such file (" + INSTALL_HINT
                    + ", or pass --busybox PATH)");
        }
        if (!isElf(busybox)) {
            throw new IOException(busybox + " is not a program (no ELF header): " + INSTALL_HINT);
        }
        if (!ElfFile.isStaticExecutable(busybox)) {
            throw new IOException(busybox + " is dynamically linked: a container's root has no shared libraries; "
                    + INSTALL_HINT);
        }
        return new BusyboxRootfs(busybox, listApplets(busybox));
    }

    public Path busybox() {
        return busybox;
    }

    /** The applet names, sorted: {@code [, [[, acpid, ..., sh, ...}. */
    public List<String> applets() {
        return applets;
    }

    /** The entries of the tar, in the order {@link #writeTar} writes them. */
    public List<TarEntry> entries() {
        List<TarEntry> entries = new ArrayList<>();
        entries.add(dated(TarEntry.directory("bin", 0755)));
        entries.add(dated(TarEntry.file("bin/busybox", 0755, busyboxSize)));
        for (String applet : applets) {
            entries.add(dated(TarEntry.symlink("bin/" + applet, "busybox")));
        }
        for (TarEntry directory : DIRECTORIES) {
            entries.add(dated(directory));
            if (directory.name().equals("etc")) {
                entries.add(dated(TarEntry.file("etc/group", 0644, bytes(GROUP).length)));
                entries.add(dated(TarEntry.file("etc/passwd", 0644, bytes(PASSWD).length)));
            }
        }
        return entries;
    }

    /** Write the root filesystem as a tar (like {@code docker export}); {@code out} is left open. */
    public void writeTar(OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        for (TarEntry entry : entries()) {
            switch (entry.name()) {
                case "bin/busybox" -> {
                    try (InputStream content = Files.newInputStream(busybox)) {
                        tar.write(entry, content);
                    }
                }
                case "etc/passwd" -> tar.write(entry, bytes(PASSWD));
                case "etc/group" -> tar.write(entry, bytes(GROUP));
                default -> tar.write(entry);
            }
        }
        tar.finish();
    }

    /** Unpack the root filesystem into {@code target}, which must not exist yet (see {@link TarUnpacker#unpackFresh}). */
    public UnpackSummary unpackFresh(Path target) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream(); // about 2 MB: busybox is most of it
        writeTar(tar);
        return new TarUnpacker().unpackFresh(new ByteArrayInputStream(tar.toByteArray()), target);
    }

    private TarEntry dated(TarEntry entry) {
        return entry.withMtime(mtime);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    /** Ask busybox itself: {@code busybox --list} prints one applet name per line. */
    static List<String> listApplets(Path busybox) throws IOException {
        Process process = new ProcessBuilder(busybox.toString(), "--list")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(busybox + " --list did not finish within 10 seconds");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + busybox + " --list", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(busybox + " --list failed (exit " + process.exitValue() + "): "
                    + output.strip().lines().findFirst().orElse(""));
        }
        TreeSet<String> applets = new TreeSet<>();
        for (String line : output.split("\n")) {
            String applet = line.strip();
            // A name becomes bin/NAME: refuse anything that could be a path.
            if (!applet.isEmpty() && !applet.contains("/") && !applet.equals(".") && !applet.equals("..")
                    && !applet.equals("busybox")) {
                applets.add(applet);
            }
        }
        if (!applets.contains("sh")) {
            throw new IOException(busybox + " --list shows no sh applet: this busybox cannot run a shell; "
                    + INSTALL_HINT);
        }
        return new ArrayList<>(applets);
    }
}
