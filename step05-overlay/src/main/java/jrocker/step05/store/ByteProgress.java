package jrocker.step05.store;

/** Adds up the bytes of one operation (possibly over several streams) and tells a {@link ProgressListener}. */
final class ByteProgress {
    private final ProgressListener listener;
    private final long total;
    private final String what;
    private long done;

    ByteProgress(ProgressListener listener, long total, String what) {
        this.listener = listener;
        this.total = total;
        this.what = what;
    }

    void add(long bytes) {
        done += bytes;
        listener.progress(done, total, what);
    }

    /** Report the end, also when nothing was read (e.g. every layer was already in the store). */
    void finish() {
        listener.progress(Math.max(done, total), total, what);
    }
}
