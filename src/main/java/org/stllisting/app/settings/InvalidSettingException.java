package org.stllisting.app.settings;

/** A value a setting cannot take; the message is one line naming the key, the value and what is allowed. */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Setting setting;
    private final String value;

    public InvalidSettingException(Setting setting, String value, String message) {
        super(message);
        this.setting = setting;
        this.value = value;
    }

    public Setting setting() {
        return setting;
    }

    /** The value as typed. */
    public String value() {
        return value;
    }
}
