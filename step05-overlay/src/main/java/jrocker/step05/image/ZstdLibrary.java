package jrocker.step05.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The few functions of the system's zstd library (libzstd, Debian package {@code libzstd1}) that stream
 * decompression needs. The JDK has gzip but no zstd; rather than a Java port, we call the C library that
 * every current distribution already has. {@code size_t} is mapped to {@link NativeLong}: both are 64 bits
 * on 64-bit Linux and 32 bits on 32-bit Linux.
 *
 * <p>The streaming API (zstd.h): a {@code ZSTD_DStream} holds the decoder's state between calls;
 * {@code ZSTD_decompressStream(stream, &out, &in)} consumes bytes from {@code in.src[in.pos..in.size)},
 * writes to {@code out.dst[out.pos..out.size)}, advances both {@code pos} fields, and returns 0 when a frame
 * is complete, an error code (test it with {@code ZSTD_isError}), or a hint &gt; 0 that more is to come.
 */
interface ZstdLibrary extends Library {

    /** ZSTD_inBuffer and ZSTD_outBuffer have the same layout: a pointer, a size, a position. */
    @Structure.FieldOrder({"buffer", "size", "pos"})
    class Buffer extends Structure {
        public Pointer buffer;
        public NativeLong size = new NativeLong(0);
        public NativeLong pos = new NativeLong(0);
    }

    Pointer ZSTD_createDStream();

    NativeLong ZSTD_freeDStream(Pointer stream);

    NativeLong ZSTD_initDStream(Pointer stream);

    NativeLong ZSTD_decompressStream(Pointer stream, Buffer output, Buffer input);

    int ZSTD_isError(NativeLong code);

    String ZSTD_getErrorName(NativeLong code);

    /** The recommended input buffer size: one compressed block. */
    NativeLong ZSTD_DStreamInSize();

    /** The recommended output buffer size: one full block of decompressed data. */
    NativeLong ZSTD_DStreamOutSize();

    /** Loads the library once, the first time a zstd layer is read. */
    final class Loader {
        /** The unversioned name exists only with libzstd-dev (a symlink); the runtime package has .so.1. */
        private static final String[] NAMES = {"zstd", "libzstd.so.1"};
        private static ZstdLibrary library;

        private Loader() {
        }

        static synchronized ZstdLibrary load() throws ZstdUnavailableException {
            if (library == null) {
                library = load(NAMES);
            }
            return library;
        }

        /** The first of {@code names} that loads. */
        static ZstdLibrary load(String... names) throws ZstdUnavailableException {
            UnsatisfiedLinkError failure = null;
            for (String name : names) {
                try {
                    return Native.load(name, ZstdLibrary.class);
                } catch (UnsatisfiedLinkError e) {
                    failure = e;
                }
            }
            throw new ZstdUnavailableException("cannot read zstd-compressed layers: the zstd library (libzstd.so.1)"
                    + " cannot be loaded; install it (Debian/Ubuntu: apt-get install libzstd1)", failure);
        }
    }
}
