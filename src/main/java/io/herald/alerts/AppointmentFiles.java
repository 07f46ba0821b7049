package io.herald.alerts;

import io.herald.accounts.AccountStore;
import io.herald.contacts.ImportTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appointments as rows of a file (the import wizard's "appointments" target, and drop profiles that
 * load appointments): the columns clinics' exports have, by the headers they go by, and the rows
 * saved through {@link Appointments} in the account's region and time zone.
 */
public final class AppointmentFiles implements ImportTarget {
  public static final String NAME = "appointments";
  private static final List<Column> COLUMNS = List.of(
      new Column("externalId", "Appointment ID", List.of("externalid", "appointmentid", "apptid", "appointmentno",
          "appointmentnumber", "bookingid", "visitid", "id")),
      new Column("clientName", "Client name", List.of("clientname", "client", "clientfullname", "owner", "ownername",
          "parent", "guardian", "customer", "customername", "name", "fullname")),
      new Column("firstName", "Client first name", List.of("firstname", "clientfirstname", "first", "givenname")),
      new Column("lastName", "Client last name", List.of("lastname", "clientlastname", "last", "surname", "familyname")),
      new Column("phone", "Client phone", List.of("phone", "clientphone", "clientphonenumber", "phonenumber", "mobile",
          "mobilephone", "mobilenumber", "cell", "cellphone", "ownerphone", "telephone", "tel", "sms")),
      new Column("patient", "Patient", List.of("patient", "patientname", "pet", "petname", "animal", "child", "student")),
      new Column("date", "Date", List.of("date", "appointmentdate", "apptdate", "visitdate", "day")),
      new Column("time", "Time", List.of("time", "appointmenttime", "appttime", "starttime", "visittime")),
      new Column("startAt", "Date and time", List.of("startat", "start", "starts", "startsat", "datetime",
          "appointmentdatetime", "appointment", "when")),
      new Column("provider", "Provider", List.of("provider", "doctor", "vet", "veterinarian", "practitioner", "staff",
          "dr", "with")),
      new Column("location", "Location", List.of("location", "clinic", "site", "office", "room")),
      new Column("status", "Status (booked or cancelled)", List.of("status", "appointmentstatus", "state")));

  private final Appointments appointments;
  private final AccountStore accounts;

  public AppointmentFiles(Appointments appointments, AccountStore accounts) {
    this.appointments = appointments;
    this.accounts = accounts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public String missing(Set<String> assigned) {
    if (!assigned.contains("externalId")) {
      return "assign a column to Appointment ID: it is how a file sent again updates its appointments instead of doubling them";
    }
    if (!assigned.contains("phone")) {
      return "assign a column to Client phone: it is the number an alert texts";
    }
    if (!assigned.contains("startAt") && !assigned.contains("date")) {
      return "assign a column to Date (with Time) or to Date and time: an alert picks appointments by when they are";
    }
    return null;
  }

  @Override
  public Future<Saved> save(long accountId, List<Map<String, String>> rows) {
    return accounts.account(accountId).compose(account -> appointments.save(accountId, account.defaultRegion(),
            account.timeZone(), rows.stream().map(r -> new JsonObject(new HashMap<>(r))).toList()))
        .map(saved -> new Saved(saved.created(), saved.updated(), saved.refused().stream()
            .map(r -> new Refused(r.index(), r.field(), r.value(), r.reason())).toList()));
  }
}
