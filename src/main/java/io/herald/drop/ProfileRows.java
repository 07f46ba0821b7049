package io.herald.drop;

import io.herald.accounts.Account;
import io.herald.contacts.Field;
import io.herald.ingest.CsvRows;
import io.herald.ingest.DistinctNumbers;
import io.herald.ingest.MobileNumbers;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.Rejection;
import io.herald.ingest.Template;
import io.herald.smsc.encoding.EncodedText;
import io.herald.smsc.encoding.TextEncoder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the data rows of one file the way its drop profile says: which columns hold phone numbers,
 * where each text comes from (own message, keyword, template), when it goes, and what is saved to
 * the contact. A row is either accepted whole or rejected with the column, the value and the
 * reason; nothing a row holds can fail the file.
 */
final class ProfileRows {
  private static final Pattern MISSING_VALUE = Pattern.compile("no value for ~([^~]+)~");

  /** A profile column as found in this file: 0-based index and how the customer knows it. */
  record Column(int index, String label) {}

  private record FieldColumn(CustomField field, Column column, Field contactField) {}

  private final ProfileSettings settings;
  private final String region;
  private final ZoneId defaultZone;
  private final int maxParts;
  private final List<Column> phones = new ArrayList<>();
  private final List<FieldColumn> fields = new ArrayList<>();
  private final Map<String, Column> fieldByLabel = new HashMap<>();
  private final Column keyword;
  private final Column message;
  private final Column sendAt;
  private final Column zone;
  private final SendTimes sendTimes;
  private final Template template;
  private final Map<String, String> keywordMessages;
  private final Map<String, Template> keywordTemplates = new HashMap<>();
  private final DistinctNumbers distinct = new DistinctNumbers();
  private final boolean savesContacts;

  /**
   * header is the file's header row, or null when the profile says there is none. Fails when the
   * profile names a header the file does not have.
   */
  ProfileRows(ProfileSettings settings, Account account, List<String> header, Map<String, String> keywordMessages,
              Map<String, Field> contactFields, int maxParts) throws FileProblem {
    this.settings = settings;
    this.region = account.defaultRegion();
    this.defaultZone = settings.timeZone() == null ? account.timeZone() : ZoneId.of(settings.timeZone());
    this.maxParts = maxParts;
    this.keywordMessages = keywordMessages;
    ProfileColumns c = settings.columns();
    phones.add(resolve(c.mobile(), "mobileColumn", header));
    for (ColumnRef ref : c.phones()) {
      phones.add(resolve(ref, "phoneColumns", header));
    }
    boolean saves = false;
    for (CustomField f : c.fields()) {
      Column column = resolve(f.column(), "field " + f.label(), header);
      Field target = f.contactField() == null ? null : contactFields.get(f.contactField());
      if (f.contactField() != null && target == null) {
        throw new FileProblem("custom field " + f.label() + " saves to contact field " + f.contactField()
            + ", which no longer exists: fix the drop profile and drop the file again");
      }
      saves |= target != null;
      fields.add(new FieldColumn(f, column, target));
      fieldByLabel.put(f.label().toLowerCase(Locale.ROOT), column);
    }
    this.savesContacts = saves;
    this.keyword = resolve(c.keyword(), "keywordColumn", header);
    this.message = resolve(c.message(), "messageColumn", header);
    this.sendAt = resolve(c.sendAt(), "sendAtColumn", header);
    this.zone = resolve(c.timeZone(), "timeZoneColumn", header);
    this.sendTimes = sendAt == null ? null : new SendTimes(settings.sendAtFormat());
    this.template = settings.template() == null ? null : Template.parse(settings.template());
  }

  static Column resolve(ColumnRef ref, String setting, List<String> header) throws FileProblem {
    if (ref == null) {
      return null;
    }
    if (ref.header() == null) {
      int index = ref.position() - 1;
      String name = header != null && index < header.size() && !header.get(index).isBlank() ? header.get(index).strip() : null;
      return new Column(index, "column " + ref.position() + (name == null ? "" : " (" + name + ")"));
    }
    if (header == null) {
      throw new FileProblem(setting + " names the header '" + ref.header() + "', but the profile says the file has"
          + " no header row");
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(ref.header())) {
        return new Column(i, "column " + (i + 1) + " (" + header.get(i).strip() + ")");
      }
    }
    throw new FileProblem("the header row has no column '" + ref.header() + "' (" + setting + "); its columns are: "
        + String.join(", ", header.stream().map(String::strip).toList()));
  }

  MappedRow map(CsvRows.Record record) {
    long row = record.row();
    // the number to text
    List<String> candidates = new ArrayList<>(phones.size());
    for (Column p : phones) {
      candidates.add(record.cell(p.index()));
    }
    MobileNumbers.Choice choice = MobileNumbers.choose(candidates, region);
    switch (choice.verdict()) {
      case MISSING -> {
        return reject(row, phones.get(0), null, "phone number is missing");
      }
      case INVALID -> {
        return reject(row, phones.get(choice.index()), candidates.get(choice.index()), "invalid phone number");
      }
      case LANDLINE -> {
        return reject(row, phones.get(choice.index()), candidates.get(choice.index()), "landline: " + choice.e164()
            + " is not a mobile number, so it cannot get a text (voice calling is not offered)");
      }
      default -> { }
    }
    String e164 = choice.e164();
    Column phoneColumn = phones.get(choice.index());

    // custom fields, and what they save to the contact
    Map<String, String> vars = new HashMap<>();
    ContactWrites.Row contact = savesContacts ? new ContactWrites.Row(e164) : null;
    String name = null;
    for (FieldColumn f : fields) {
      String value = record.cell(f.column().index()).strip();
      vars.put(f.field().label().toLowerCase(Locale.ROOT), value);
      if (f.field().label().equalsIgnoreCase("name")) {
        name = value.isEmpty() ? null : value;
      }
      if (f.contactField() != null && !value.isEmpty()) {
        try {
          contact.put(f.contactField(), ContactWrites.parse(f.contactField(), value, region));
        } catch (IllegalArgumentException e) {
          return reject(row, f.column(), value, "cannot be saved to contact field " + f.contactField().key() + ": "
              + value + " " + e.getMessage());
        }
      }
    }
    if (contact != null && contact.name() != null) {
      name = contact.name();
    }

    // the text
    String text;
    Column textColumn;
    String own = message == null ? "" : record.cell(message.index()).strip();
    String word = keyword == null ? "" : record.cell(keyword.index()).strip();
    try {
      if (!own.isEmpty()) {
        text = own;
        textColumn = message;
      } else if (!word.isEmpty()) {
        String first = keywordMessages.get(word.toUpperCase(Locale.ROOT));
        if (first == null) {
          return reject(row, keyword, word, "unknown keyword '" + word + "'");
        }
        textColumn = keyword;
        text = keywordTemplates.computeIfAbsent(word.toUpperCase(Locale.ROOT), k -> Template.parse(first)).render(vars);
      } else if (template != null) {
        textColumn = null;
        text = template.render(vars);
      } else if (message != null && keyword == null) {
        return reject(row, message, null, "the message is empty");
      } else {
        return reject(row, keyword, null, "no keyword" + (message == null ? "" : " and no message")
            + ", and the profile has no template to fall back on");
      }
    } catch (IllegalArgumentException e) {
      return missingValue(row, e.getMessage(), word);
    }
    if (text.isBlank()) {
      return reject(row, textColumn, null, "the message is empty");
    }
    EncodedText encoded = TextEncoder.encode(text);
    if (encoded.segments() > maxParts) {
      return reject(row, textColumn, null, "the message is too long: " + encoded.segments() + " parts of "
          + encoded.encoding() + ", the maximum is " + maxParts);
    }

    // when it goes
    ZoneId rowZone = defaultZone;
    String zoneName = null;
    if (zone != null) {
      String given = record.cell(zone.index()).strip();
      if (!given.isEmpty()) {
        try {
          rowZone = ZoneId.of(given);
          zoneName = rowZone.getId();
        } catch (DateTimeException e) {
          return reject(row, zone, given, "not a time zone: use an IANA name like America/New_York");
        }
      }
    }
    Instant when = null;
    if (sendAt != null) {
      String given = record.cell(sendAt.index()).strip();
      if (!given.isEmpty()) {
        when = sendTimes.parse(given, rowZone);
        if (when == null) {
          return reject(row, sendAt, given, sendTimes.why());
        }
      }
    }

    if (!distinct.add(e164)) {
      return reject(row, phoneColumn, candidates.get(choice.index()), "duplicate: " + e164 + " is already in this file");
    }
    RecipientRow recipient = new RecipientRow(row, e164, text, null, name, zoneName, when, true);
    return new MappedRow(recipient, encoded.encoding().name(), encoded.segments(),
        contact == null ? null : contact.values(), null);
  }

  /** A placeholder without a value: names the column that should have held it. */
  private MappedRow missingValue(long row, String error, String word) {
    Matcher m = MISSING_VALUE.matcher(error == null ? "" : error);
    if (m.find()) {
      Column column = fieldByLabel.get(m.group(1).toLowerCase(Locale.ROOT));
      String source = word.isEmpty() ? "" : " (in keyword " + word.toUpperCase(Locale.ROOT) + "'s message #001)";
      if (column == null) {
        return reject(row, keyword, word, "~" + m.group(1) + "~" + source + " is not the label of a custom field of this"
            + " profile");
      }
      return reject(row, column, null, "no value for ~" + m.group(1) + "~" + source + ", and it has no fallback");
    }
    return reject(row, keyword != null ? keyword : message, word, String.valueOf(error));
  }

  private static MappedRow reject(long row, Column column, String value, String reason) {
    return MappedRow.rejected(new Rejection(row, column == null ? "" : column.label(), value, reason));
  }
}
