package io.herald.contacts;

/**
 * A report's name for a number: the recipient's own when the source gave one, else the name of
 * the account's contact with that phone. An SQL expression, so that a report read through a
 * cursor looks each up by the contacts' (account, phone) index instead of loading contacts.
 */
public final class ContactNames {
  private ContactNames() {}

  /** The expression over the given columns (trusted SQL: column names, never input). */
  public static String orContact(String nameColumn, String accountColumn, String phoneColumn) {
    return "coalesce(nullif(" + nameColumn + ", ''), (SELECT nullif(concat_ws(' ', c.first_name, c.last_name), '')"
        + " FROM contacts c WHERE c.account_id = " + accountColumn + " AND c.phone = " + phoneColumn + "))";
  }
}
