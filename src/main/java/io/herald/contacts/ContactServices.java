package io.herald.contacts;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;

/** Everything the contacts capability offers, built once and handed to its routes and verticle. */
public final class ContactServices {
  /** Uploads wait here between stage 1 and stage 4 of an import. */
  public static final Path DEFAULT_IMPORT_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "herald-imports");

  private final AccountRegions accounts;
  private final Fields fields;
  private final Groups groups;
  private final Suppressions suppressions;
  private final ContactBook contacts;
  private final OptOuts optOuts;
  private final Imports imports;
  private final ContactExport export;
  private final ReplyKeywords keywords;
  private final Audiences audiences;

  /** @param importTargets what the import wizard loads besides contacts */
  public ContactServices(Vertx vertx, Pool pool, java.util.List<ImportTarget> importTargets) {
    this(vertx, pool, DEFAULT_IMPORT_DIRECTORY, ImportLimits.DEFAULT, importTargets);
  }

  public ContactServices(Vertx vertx, Pool pool, Path importDirectory, ImportLimits limits,
                         java.util.List<ImportTarget> importTargets) {
    this.accounts = new AccountRegions(pool);
    this.fields = new Fields(pool, accounts);
    this.groups = new Groups(pool, fields, accounts);
    this.suppressions = new Suppressions(pool);
    this.contacts = new ContactBook(pool, groups, suppressions, accounts);
    this.optOuts = new OptOuts(vertx, suppressions, accounts);
    this.imports = new Imports(vertx, pool, fields, groups, accounts, importDirectory, limits, importTargets);
    this.export = new ContactExport(vertx, pool, contacts, fields);
    this.keywords = new ReplyKeywords(pool, accounts);
    this.audiences = new Audiences(pool, groups, fields);
  }

  public Fields fields() {
    return fields;
  }

  public Groups groups() {
    return groups;
  }

  public ContactBook contacts() {
    return contacts;
  }

  public OptOuts optOuts() {
    return optOuts;
  }

  public Imports imports() {
    return imports;
  }

  public ContactExport export() {
    return export;
  }

  /** Who a send to all contacts or some groups reaches. */
  public Audiences audiences() {
    return audiences;
  }

  public ReplyKeywords keywords() {
    return keywords;
  }

  /** The verticle that acts on STOP / START / HELP replies; deploy it once. */
  public Suppressions suppressions() {
    return suppressions;
  }
}
