package io.herald.contacts;

import io.vertx.core.json.JsonObject;

/** What one accepted row saves to the contact with its phone number: default fields, and custom ones in fields. */
public record ContactValues(String phone, String firstName, String lastName, String email, String timeZone,
                            String language, JsonObject fields) {}
