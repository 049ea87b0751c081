package jrocker.step05.terminal;

import jrocker.step01.linux.CallText;
import jrocker.step04.linux.RecordingPivotRootSyscalls;

/** The test double of step04, plus the terminal's calls, spelled as the real ones trace them. */
public class RecordingTerminalSyscalls extends RecordingPivotRootSyscalls implements TerminalSyscalls {

    @Override
    public void prepareTerminal() {
        record(CallText.call("prepareTerminal"));
    }

    @Override
    public void attachTerminal(String slavePath) {
        record(CallText.call("attachTerminal", slavePath));
    }
}
