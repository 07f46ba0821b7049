package io.herald.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One recipient as a source gives it, before validation. row counts from 1 in the source's own
 * terms (a file line, an array element). body is the text, or null when the job's template is
 * rendered with vars (keys lower-case). sendAt null means as soon as the job allows. toChecked
 * says the source already validated to and wrote it in E.164 (a drop file's phone columns are
 * checked while the file is read), so it is not parsed twice.
 */
public record RecipientRow(long row, String to, String body, Map<String, String> vars, String name, String timeZone,
                           Instant sendAt, boolean toChecked) {
  public RecipientRow(long row, String to, String body, Map<String, String> vars, String name, String timeZone,
                      Instant sendAt) {
    this(row, to, body, vars, name, timeZone, sendAt, false);
  }
}
