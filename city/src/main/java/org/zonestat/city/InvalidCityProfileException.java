package org.zonestat.city;

/**
 * A city profile that cannot be used: the message starts with the profile file (or the folder or
 * name asked for) and says what is wrong, e.g. {@code /srv/city/city.yaml: focusLayer 'vri' is not
 * among the layers (vri-zones, neighborhoods)}.
 */
public final class InvalidCityProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCityProfileException(String message) {
        super(message);
    }

    public InvalidCityProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
