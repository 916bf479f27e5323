package dev.stowage.accounts;

/** Whether a user's keys work. The wire form is the lower-case word ostor shows ("enabled", "disabled"). */
public enum UserState {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String wire;

    UserState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
