package io.herald.contacts;

/** SQL fragments on contacts (alias c) shared by lists, groups and exports. */
final class ContactSql {
  private ContactSql() {}

  static final String PHONE_OPTED_OUT =
      "EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND s.address = c.phone)";
  static final String EMAIL_OPTED_OUT =
      "EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND s.address = c.email)";

  /** An active contact has at least one detail that is not opted out. */
  static final String ACTIVE = "((c.phone IS NOT NULL AND NOT " + PHONE_OPTED_OUT + ") OR (c.email IS NOT NULL AND NOT "
      + EMAIL_OPTED_OUT + "))";

  /** Everything a contact's JSON shows, from contacts c. */
  static final String VIEW = """
      c.id, c.phone, c.email, c.first_name, c.last_name, c.time_zone, c.language, c.fields, c.created_at,
      c.updated_at, %s AS phone_opted_out, %s AS email_opted_out,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name) ORDER BY lower(g.name)), '[]'::jsonb)
       FROM group_members m JOIN contact_groups g ON g.id = m.group_id WHERE m.contact_id = c.id) AS groups"""
      .formatted(PHONE_OPTED_OUT, EMAIL_OPTED_OUT);

  /** Name, phone, e-mail or any custom value contains the search text ($n: the text, $n+1: its digits). */
  static String search(int textParam, int digitsParam) {
    String t = "$" + textParam + "::text";
    String d = "$" + digitsParam + "::text";
    return "(strpos(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), lower(" + t + ")) > 0"
        + " OR strpos(coalesce(c.email, ''), lower(" + t + ")) > 0"
        + " OR (" + d + " <> '' AND strpos(coalesce(c.phone, ''), " + d + ") > 0)"
        + " OR EXISTS (SELECT 1 FROM jsonb_each_text(c.fields) f WHERE strpos(lower(f.value), lower(" + t + ")) > 0))";
  }
}
