package jrocker.step05.store;

/**
 * Told how far a long store operation (import, load) is, in bytes read from the file or archive. The CLI
 * draws a {@link ProgressBar} with it when stderr is a terminal; tests and scripts get {@link #NONE}.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores everything. */
    ProgressListener NONE = (bytesDone, bytesTotal, what) -> {
    };

    /**
     * @param bytesDone  bytes read so far
     * @param bytesTotal bytes to read in all (0 when there is nothing to read)
     * @param what       what is being read, e.g. "Importing busybox.tar"
     */
    void progress(long bytesDone, long bytesTotal, String what);
}
