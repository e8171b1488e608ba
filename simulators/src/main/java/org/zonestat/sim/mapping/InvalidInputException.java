package org.zonestat.sim.mapping;

/**
 * An input file, or a mapping file, that cannot be used at all (as opposed to a single bad record,
 * which is a {@link Rejection}). The message names the file and what is wrong.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
