package jrocker.step05.linux;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
}
