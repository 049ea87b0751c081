package jrocker.step05.registry;

import jrocker.step05.image.ImageException;

/**
 * A registry refused or failed a request: "manifest unknown: localhost:5000/app:v9". The message is one
 * line that names what was asked for; {@code jrocker pull} prints it as it is.
 */
public class RegistryException extends ImageException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
