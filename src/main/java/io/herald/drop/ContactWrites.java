package io.herald.drop;

import io.herald.contacts.ContactValues;
import io.herald.contacts.Addresses;
import io.herald.contacts.Field;
import io.herald.contacts.FieldType;
import io.vertx.core.json.JsonObject;

/**
 * "Save to contact field": turns a row's cell into the value a contact field holds, and gathers a
 * row's values into the contact update for its phone number.
 */
final class ContactWrites {
  private ContactWrites() {}

  /** The phone is how the contact is found, so it is not a field a column can set. */
  static boolean writable(Field field) {
    return !field.key().equals("phone") && (field.isDefault() || field.type().custom());
  }

  /** The stored value (String, BigDecimal, Boolean) or an IllegalArgumentException saying why the text is none. */
  static Object parse(Field field, String text, String region) {
    if (field.type() == FieldType.PHONE) {
      return Addresses.phone(text, region).orElseThrow(() -> new IllegalArgumentException("is not a valid phone number"));
    }
    if (field.type() == FieldType.EMAIL) {
      return Addresses.email(text).orElseThrow(() -> new IllegalArgumentException("is not a valid e-mail address"));
    }
    return field.type().parse(text);
  }

  /** Collects one row's values, by field. */
  static final class Row {
    private final String phone;
    private String firstName;
    private String lastName;
    private String email;
    private String timeZone;
    private String language;
    private JsonObject fields;

    Row(String phone) {
      this.phone = phone;
    }

    void put(Field field, Object value) {
      switch (field.key()) {
        case "firstName" -> firstName = (String) value;
        case "lastName" -> lastName = (String) value;
        case "email" -> email = (String) value;
        case "timeZone" -> timeZone = (String) value;
        case "language" -> language = (String) value;
        default -> {
          if (fields == null) {
            fields = new JsonObject();
          }
          fields.put(field.key(), value);
        }
      }
    }

    String name() {
      if (firstName == null && lastName == null) {
        return null;
      }
      return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }

    ContactValues values() {
      return new ContactValues(phone, firstName, lastName, email, timeZone, language, fields);
    }
  }
}
