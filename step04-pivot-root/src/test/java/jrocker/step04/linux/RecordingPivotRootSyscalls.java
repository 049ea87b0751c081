package jrocker.step04.linux;

import jrocker.step01.linux.CallText;
import jrocker.step03.linux.RecordingRootfsSyscalls;

/** The test double of step03, plus step04's calls, spelled as the real ones trace them. */
public class RecordingPivotRootSyscalls extends RecordingRootfsSyscalls implements PivotRootSyscalls {

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        record(CallText.call("pivot_root", newRoot, putOld));
    }

    @Override
    public void mknodCharDevice(String path, int mode, int major, int minor) {
        record(CallText.call("mknod", path, "S_IFCHR|0" + Integer.toOctalString(mode), major + ":" + minor));
    }

    @Override
    public void mkdir(String path, int mode) {
        record(CallText.call("mkdir", path, "0" + Integer.toOctalString(mode)));
    }

    @Override
    public void rmdir(String path) {
        record(CallText.call("rmdir", path));
    }

    @Override
    public void symlink(String target, String linkPath) {
        record(CallText.call("symlink", target, linkPath));
    }
}
