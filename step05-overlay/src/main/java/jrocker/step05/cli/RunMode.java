package jrocker.step05.cli;

import java.util.List;
import jrocker.step03.cli.Rootfs;
import jrocker.step05.image.ImageReference;

/**
 * What step05's {@code run} runs: a container from an image (its positionals are IMAGE [COMMAND [ARG...]]), or,
 * with {@code --rootfs}, a container as step04 ran it (COMMAND [ARG...]), which has no record.
 */
public sealed interface RunMode {

    /**
     * {@code run IMAGE [COMMAND [ARG...]]}.
     *
     * @param image   IMAGE as typed: a name, an ID or an ID prefix
     * @param name    IMAGE read as a NAME[:TAG], once
     * @param command COMMAND [ARG...]; empty for the image's own
     */
    record ImageMode(String image, ImageReference name, List<String> command) implements RunMode {
        public ImageMode {
            command = List.copyOf(command);
        }
    }

    /** {@code run --rootfs PATH COMMAND [ARG...]}. */
    record RootfsMode(Rootfs rootfs, List<String> command) implements RunMode {
        public RootfsMode {
            command = List.copyOf(command);
        }
    }
}
