package jrocker.step05.linux;

import jrocker.step01.linux.CallText;
import jrocker.step05.terminal.RecordingTerminalSyscalls;

/** The test double of step04 and the terminal, plus step05's calls, spelled as the real ones trace them. */
public class RecordingLifecycleSyscalls extends RecordingTerminalSyscalls implements LifecycleSyscalls {

    @Override
    public void joinNamespace(String namespaceFile) {
        record(CallText.call("setns", "open(" + namespaceFile + ")", 0));
    }

    @Override
    public void kill(long pid, int signal) {
        record(CallText.call("kill", pid, signal));
    }
}
