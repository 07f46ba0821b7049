package io.herald.contacts;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Contacts written by other sources (a dropped file's "save to contact field" columns): matched by
 * phone number, created when there is none, given values only where the source has them. One
 * statement per batch, in the caller's transaction.
 */
public final class ContactUpserts {
  private static final String UPSERT_CONTACTS = """
      INSERT INTO contacts (account_id, phone, first_name, last_name, email, time_zone, language, fields)
      SELECT $1, p, fn, ln, e, tz, lang, coalesce(f::jsonb, '{}'::jsonb)
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS u(p, fn, ln, e, tz, lang, f)
      ON CONFLICT (account_id, phone) WHERE phone IS NOT NULL DO UPDATE
        SET first_name = coalesce(excluded.first_name, contacts.first_name),
            last_name = coalesce(excluded.last_name, contacts.last_name),
            email = coalesce(excluded.email, contacts.email),
            time_zone = coalesce(excluded.time_zone, contacts.time_zone),
            language = coalesce(excluded.language, contacts.language),
            fields = contacts.fields || excluded.fields,
            updated_at = now()""";

  public ContactUpserts() {}

  /** Saves custom field values to the contacts with these phone numbers, creating the ones that do not exist. */
  public Future<Void> save(SqlClient tx, long accountId, List<ContactValues> contacts) {
    if (contacts.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = contacts.size();
    String[][] columns = new String[7][n];
    for (int i = 0; i < n; i++) {
      ContactValues c = contacts.get(i);
      columns[0][i] = c.phone();
      columns[1][i] = c.firstName();
      columns[2][i] = c.lastName();
      columns[3][i] = c.email();
      columns[4][i] = c.timeZone();
      columns[5][i] = c.language();
      columns[6][i] = c.fields() == null ? null : c.fields().encode();
    }
    Tuple args = Tuple.tuple().addLong(accountId);
    for (String[] column : columns) {
      args.addValue(column);
    }
    return tx.preparedQuery(UPSERT_CONTACTS).execute(args).mapEmpty();
  }
}
