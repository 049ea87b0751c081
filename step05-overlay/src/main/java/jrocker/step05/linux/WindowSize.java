package jrocker.step05.linux;

/**
 * The size of a terminal, in character cells. Every terminal has one, kept by the kernel: a terminal
 * emulator sets it when its window is resized, and programs read it (TIOCGWINSZ) to know where to wrap
 * lines, how tall a pager's page is, how wide {@code ls} may print its columns. This record is the kernel's
 * {@code struct winsize} ({@link TerminalSyscalls#windowSize}, {@link TerminalSyscalls#setWindowSize}).
 *
 * <p>A pty has its own size, which nobody sets unless we do: jrocker copies the user's terminal size to the
 * container's pty, first before the command starts and then each time the user's window changes (the
 * kernel sends jrocker SIGWINCH). Setting a pty's size sends SIGWINCH to the programs in the container in
 * turn, so a full-screen program there redraws itself at the new size.
 *
 * @param rows    lines, {@code ws_row}
 * @param columns characters per line, {@code ws_col}
 */
public record WindowSize(int rows, int columns) {

    /** Both fit the kernel's {@code unsigned short}s. */
    public WindowSize {
        if (rows < 0 || rows > 0xffff || columns < 0 || columns > 0xffff) {
            throw new IllegalArgumentException("window size out of range (0 to 65535): " + rows + "x" + columns);
        }
    }

    /** From a {@code struct winsize}: unsigned shorts, so 40000 columns arrive as 40000, not as a negative number. */
    static WindowSize fromWinsize(short[] winsize) {
        return new WindowSize(Short.toUnsignedInt(winsize[0]), Short.toUnsignedInt(winsize[1]));
    }

    /** As a {@code struct winsize}: rows, columns, and the pixel sizes, which nobody uses (0). */
    short[] toWinsize() {
        return new short[] {(short) rows, (short) columns, 0, 0};
    }

    @Override
    public String toString() {
        return rows + "x" + columns;
    }
}
