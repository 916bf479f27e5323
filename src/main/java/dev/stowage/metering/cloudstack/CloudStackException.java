package dev.stowage.metering.cloudstack;

/** A usage API request refused, with the {@code errortext} sent. */
public final class CloudStackException extends RuntimeException {
    private final CloudStackError error;

    public CloudStackException(CloudStackError error, String errorText) {
        super(errorText);
        this.error = error;
    }

    public CloudStackError error() {
        return error;
    }

    /** CloudStack's words for a missing parameter. */
    static CloudStackException missing(String command, String parameter) {
        return new CloudStackException(CloudStackError.PARAM_ERROR, "Unable to execute API command "
                + command.toLowerCase(java.util.Locale.ROOT) + " due to missing parameter " + parameter);
    }

    /** CloudStack's words for an invalid parameter value. */
    static CloudStackException invalid(String command, String parameter, String value, String why) {
        return new CloudStackException(CloudStackError.PARAM_ERROR, "Unable to execute API command "
                + command.toLowerCase(java.util.Locale.ROOT) + " due to invalid value. Invalid parameter " + parameter
                + " value=" + value + " due to " + why);
    }
}
