package io.servicequality.contracts;

/** Where a customer met the enterprise. */
public enum Channel {
    PHONE,
    CHAT,
    EMAIL,
    COUNTER,
    APP,
    WEB
}
