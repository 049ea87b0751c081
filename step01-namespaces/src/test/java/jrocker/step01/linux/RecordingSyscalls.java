package jrocker.step01.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double: writes every call down (spelled as {@link CallText} spells it) instead of making it,
 * and fails the calls a test asks it to. Tests use it to check the order of operations without root.
 * Later steps' tests extend it with the calls they add (it is in step01's test-jar).
 */
public class RecordingSyscalls implements Syscalls {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private int euid;

    /** Every call so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Make the next call whose text starts with {@code callPrefix} fail with {@code errno}. */
    public RecordingSyscalls failOn(String callPrefix, int errno) {
        failures.put(callPrefix, errno);
        return this;
    }

    /** The value {@link #geteuid()} returns; 0 (root) unless set. */
    public RecordingSyscalls euid(int euid) {
        this.euid = euid;
        return this;
    }

    /** Write {@code call} down, or throw if a test asked this call to fail. Subclasses record their calls here. */
    protected void record(String call) {
        calls.add(call);
        for (Map.Entry<String, Integer> failure : failures.entrySet()) {
            if (call.startsWith(failure.getKey())) {
                failures.remove(failure.getKey());
                throw new SyscallException(call, failure.getValue());
            }
        }
    }

    @Override
    public void unshare(int cloneFlags) {
        record(CallText.unshare(cloneFlags));
    }

    @Override
    public void sethostname(String hostname) {
        record(CallText.sethostname(hostname));
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        record(CallText.mount(source, target, fstype, flags, data));
    }

    @Override
    public void umount2(String target, int flags) {
        record(CallText.umount2(target, flags));
    }

    @Override
    public void closeOnExecAbove(int lastKeptFd) {
        record(CallText.closeOnExecAbove(lastKeptFd));
    }

    @Override
    public void takeTerminal(int fd) {
        record(CallText.takeTerminal(fd));
    }

    @Override
    public PreparedExec prepareExec(String path, List<String> argv, List<String> env) {
        return new RecordedExec(path, List.copyOf(argv), List.copyOf(env));
    }

    @Override
    public void execve(PreparedExec exec) {
        record(CallText.execve(exec.path(), exec.argv()));
    }

    @Override
    public int geteuid() {
        return euid;
    }

    @Override
    public boolean isatty(int fd) {
        return false;
    }

    /** What a recorded exec would have run. */
    public record RecordedExec(String path, List<String> argv, List<String> env) implements PreparedExec {
    }
}
