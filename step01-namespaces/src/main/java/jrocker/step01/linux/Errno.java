package jrocker.step01.linux;

/** The errno values jrocker reacts to, with their names, so messages say "EPERM" and not "1". */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENOEXEC = 8;
    public static final int ENOSYS = 38;
    public static final int ENOMEM = 12;
    public static final int ELOOP = 40;

    private Errno() {
    }

    /** "EPERM (Operation not permitted)" for 1; "errno 123" for a value not listed here. */
    public static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (Operation not permitted)";
            case ENOENT -> "ENOENT (No such file or directory)";
            case ESRCH -> "ESRCH (No such process)";
            case EINTR -> "EINTR (Interrupted system call)";
            case ENOEXEC -> "ENOEXEC (Exec format error)";
            case EBADF -> "EBADF (Bad file descriptor)";
            case ENOMEM -> "ENOMEM (Cannot allocate memory)";
            case EACCES -> "EACCES (Permission denied)";
            case EBUSY -> "EBUSY (Device or resource busy)";
            case EEXIST -> "EEXIST (File exists)";
            case ENOTDIR -> "ENOTDIR (Not a directory)";
            case EISDIR -> "EISDIR (Is a directory)";
            case EINVAL -> "EINVAL (Invalid argument)";
            case ENOSPC -> "ENOSPC (No space left on device)";
            case ENOSYS -> "ENOSYS (Function not implemented)";
            case ELOOP -> "ELOOP (Too many levels of symbolic links)";
            default -> "errno " + errno;
        };
    }
}
