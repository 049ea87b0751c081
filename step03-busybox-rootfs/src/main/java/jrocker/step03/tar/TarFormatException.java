package jrocker.step03.tar;

import java.io.IOException;

/**
 * The bytes are not a (complete) tar archive: a bad checksum, a field that is not a number, or an archive
 * that ends too early. The message is one line naming the entry or the offset, e.g.
 * {@code truncated tar: entry bin/busybox ends after 1024 of 2000000 bytes}.
 */
public class TarFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TarFormatException(String message) {
        super(message);
    }
}
