package io.herald.broadcasts;

import io.herald.contacts.Audiences;
import io.herald.ingest.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who of an audience gets the broadcast, each with their rendered text, and who is left out and
 * why: opted out, no valid number, a number another contact already has (one text per number), a
 * placeholder with no value for them; and the contacts in none of the chosen groups.
 */
record Recipients(List<Recipient> included, Map<String, Long> leftOut) {
  static final String PER_NUMBER = "perNumber";
  static final String PER_CONTACT = "perContact";

  /** One text: to whom, at which number, saying what; zone is the contact's own time zone or null. */
  record Recipient(long contactId, String phone, String text, String zone) {}

  static Recipients of(Audiences.Found found, String duplicates, Template template) {
    List<Recipient> included = new ArrayList<>();
    Map<String, Long> leftOut = new LinkedHashMap<>();
    for (String reason : List.of("optedOut", "noValidNumber", "duplicateNumber", "missingValue", "notInAnyGroup")) {
      leftOut.put(reason, 0L);
    }
    leftOut.put("notInAnyGroup", found.notInGroups());
    Set<String> numbers = new HashSet<>();
    for (Audiences.Member m : found.members()) {
      if (m.phone() == null) {
        leftOut.merge("noValidNumber", 1L, Long::sum);
      } else if (m.optedOut()) {
        leftOut.merge("optedOut", 1L, Long::sum);
      } else if (PER_NUMBER.equals(duplicates) && !numbers.add(m.phone())) {
        leftOut.merge("duplicateNumber", 1L, Long::sum);
      } else {
        try {
          included.add(new Recipient(m.contactId(), m.phone(), template.render(m.vars()), m.timeZone()));
        } catch (IllegalArgumentException e) {
          leftOut.merge("missingValue", 1L, Long::sum);
        }
      }
    }
    return new Recipients(included, leftOut);
  }
}
