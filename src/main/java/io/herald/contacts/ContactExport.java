package io.herald.contacts;

import io.herald.contacts.files.SheetWriter;
import io.herald.errors.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contacts as a CSV or XLSX file: all of them, a search, or a group. Read in pages by id and written
 * on a worker thread, so a large export neither holds every contact in memory nor blocks an event
 * loop.
 */
public final class ContactExport {
  private static final int PAGE = 5_000;

  /** A finished export file on disk; the caller sends and then deletes it. */
  public record ExportFile(Path file, String contentType, String downloadName) {}

  private final Vertx vertx;
  private final Pool pool;
  private final ContactBook contacts;
  private final Fields fields;

  public ContactExport(Vertx vertx, Pool pool, ContactBook contacts, Fields fields) {
    this.vertx = vertx;
    this.pool = pool;
    this.contacts = contacts;
    this.fields = fields;
  }

  public Future<ExportFile> export(long accountId, String search, Long groupId, String format) {
    String kind = format == null ? "csv" : format;
    if (!kind.equals("csv") && !kind.equals("xlsx")) {
      throw Refusal.invalid("format", "format must be csv or xlsx", format);
    }
    return contacts.filter(accountId, search, groupId).compose(filter -> fields.all(accountId).compose(all -> {
      List<Field> custom = all.stream().filter(f -> !f.isDefault()).toList();
      return vertx.executeBlocking(() -> {
        Path file = Files.createTempFile("herald-contacts-", "." + kind);
        SheetWriter writer = kind.equals("csv") ? SheetWriter.csv(file) : SheetWriter.xlsx(file, "Contacts");
        writer.row(header(custom));
        return new Open(file, writer);
      }, false).compose(open -> pages(filter, custom, open.writer(), 0)
          .compose(v -> vertx.executeBlocking(() -> {
            open.writer().finish();
            open.writer().close();
            return new ExportFile(open.file(), kind.equals("csv") ? "text/csv; charset=UTF-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "contacts." + kind);
          }, true))
          .onFailure(e -> vertx.executeBlocking(() -> {
            open.writer().close();
            return Files.deleteIfExists(open.file());
          }, false)));
    }));
  }

  private record Open(Path file, SheetWriter writer) {}

  private Future<Void> pages(ContactBook.Filter filter, List<Field> custom, SheetWriter writer, long after) {
    List<Object> params = new ArrayList<>(filter.params());
    params.add(after);
    String sql = "SELECT " + ContactSql.VIEW + " FROM contacts c WHERE " + filter.where() + " AND c.id > $"
        + params.size() + " ORDER BY c.id LIMIT " + PAGE;
    return pool.preparedQuery(sql).execute(Tuple.from(params)).compose(rows -> {
      List<List<String>> lines = new ArrayList<>(rows.size());
      long last = after;
      for (Row r : rows) {
        lines.add(line(ContactBook.json(r), custom));
        last = r.getLong("id");
      }
      long next = last;
      return vertx.executeBlocking(() -> {
        for (List<String> line : lines) {
          writer.row(line);
        }
        return null;
      }, true).compose(v -> rows.size() < PAGE ? Future.succeededFuture() : pages(filter, custom, writer, next));
    });
  }

  private static List<String> header(List<Field> custom) {
    List<String> header = new ArrayList<>(List.of("Id", "First name", "Last name", "Phone", "Phone status", "E-mail",
        "E-mail status", "Time zone", "Language"));
    custom.forEach(f -> header.add(f.label()));
    header.addAll(List.of("Groups", "Created"));
    return header;
  }

  private static List<String> line(JsonObject contact, List<Field> custom) {
    Map<String, String> status = new java.util.HashMap<>();
    contact.getJsonArray("details").forEach(d -> {
      JsonObject detail = (JsonObject) d;
      status.put(detail.getString("kind"), detail.getString("status"));
    });
    List<String> line = new ArrayList<>();
    line.add(String.valueOf(contact.getLong("id")));
    line.add(text(contact.getString("firstName")));
    line.add(text(contact.getString("lastName")));
    line.add(text(contact.getString("phone")));
    line.add(text(status.get("phone")));
    line.add(text(contact.getString("email")));
    line.add(text(status.get("email")));
    line.add(text(contact.getString("timeZone")));
    line.add(text(contact.getString("language")));
    JsonObject values = contact.getJsonObject("fields");
    for (Field f : custom) {
      Object v = values.getValue(f.key());
      line.add(v == null ? "" : v instanceof Number n ? new java.math.BigDecimal(n.toString()).toPlainString() : v.toString());
    }
    List<String> names = new ArrayList<>();
    JsonArray groups = contact.getJsonArray("groups");
    groups.forEach(g -> names.add(((JsonObject) g).getString("name")));
    line.add(String.join("; ", names));
    line.add(text(contact.getString("createdAt")));
    return line;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
