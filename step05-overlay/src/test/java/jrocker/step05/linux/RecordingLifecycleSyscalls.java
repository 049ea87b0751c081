package jrocker.step05.linux;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import jrocker.step01.linux.CallText;

/**
 * The test double of step04, the terminal and the walls, plus step05's calls, spelled as the real ones trace them. Extended
 * attributes are kept in memory, per path and name, so that what is set can be read back.
 */
public class RecordingLifecycleSyscalls extends RecordingWallSyscalls implements LifecycleSyscalls {
    private final Map<String, Map<String, byte[]>> xattrs = new HashMap<>();

    @Override
    public synchronized void setXattr(String path, String name, byte[] value) {
        record(CallText.call("lsetxattr", path, name, new String(value, StandardCharsets.ISO_8859_1)));
        xattrs.computeIfAbsent(path, p -> new HashMap<>()).put(name, value.clone());
    }

    @Override
    public synchronized Optional<byte[]> getXattr(String path, String name) {
        return Optional.ofNullable(xattrs.getOrDefault(path, Map.of()).get(name)).map(byte[]::clone);
    }

    @Override
    public void joinNamespace(String namespaceFile) {
        record(CallText.call("setns", "open(" + namespaceFile + ")", 0));
    }

    @Override
    public void kill(long pid, int signal) {
        record(CallText.call("kill", pid, signal));
    }

    /** Descriptors handed out by pidfdOpen; none on a kernel without pidfds ({@link #withoutPidfds}). */
    private int nextPidfd = 100;
    private boolean pidfds = true;
    private final java.util.Set<Integer> openPidfds = new java.util.HashSet<>();

    /** Behave as a kernel older than 5.3: pidfd_open fails with ENOSYS. */
    public RecordingLifecycleSyscalls withoutPidfds() {
        pidfds = false;
        return this;
    }

    @Override
    public synchronized OptionalInt pidfdOpen(long pid) {
        record(CallText.call("pidfd_open", pid, 0));
        if (!pidfds) {
            return OptionalInt.empty();
        }
        openPidfds.add(nextPidfd);
        return OptionalInt.of(nextPidfd++);
    }

    /** A pidfd is closed here; any other descriptor by the terminal's double. */
    @Override
    public synchronized void closeFd(int fd) {
        if (openPidfds.remove(fd)) {
            record(CallText.call("close", fd));
        } else {
            super.closeFd(fd);
        }
    }

    /** The pidfds not closed yet: empty after every signal, or descriptors leak. */
    public synchronized java.util.Set<Integer> openPidfds() {
        return java.util.Set.copyOf(openPidfds);
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) {
        record(CallText.call("pidfd_send_signal", pidfd, signal, "NULL", 0));
    }
}
