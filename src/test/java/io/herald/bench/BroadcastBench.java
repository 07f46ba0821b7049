package io.herald.bench;

import io.herald.testing.Api;
import io.herald.testing.CloudhopperSmsc;
import io.herald.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * scripts/bench broadcast: a broadcast to a group of N contacts (100,000): how long counting,
 * preparing (the compliance checks), confirming (the recipients frozen with their texts) and
 * approving (answered at once), and from then until every text is through the intake take, as the API answers them.
 */
public final class BroadcastBench {
  private BroadcastBench() {}

  public static void main(String[] args) throws Exception {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (TestDatabase db = TestDatabase.create(); CloudhopperSmsc smsc = CloudhopperSmsc.start("carrier", "pw")) {
      int http = BenchSetup.freePort();
      try (ChildHerald herald = new ChildHerald(BenchSetup.config(db, http, smsc, 100, 1000), http, "broadcast", "-Xmx1g")) {
        herald.awaitUp();
        db.execute("UPDATE accounts SET broadcasts = true");
        db.execute("INSERT INTO contacts (account_id, phone, first_name) SELECT 1, '+1202' || (5000000 + n), 'Pat' || n"
            + " FROM generate_series(1, " + contacts + ") n");
        db.execute("INSERT INTO contact_groups (account_id, name, type) VALUES (1, 'Everyone', 'static')");
        db.execute("INSERT INTO group_members (group_id, contact_id) SELECT g.id, c.id FROM contacts c, contact_groups g");
        // any hour of the day the bench runs at is inside the sending hours
        db.execute("INSERT INTO broadcast_settings (account_id, quiet_until, quiet_from) VALUES (1, '00:00', '23:59:59')");
        Api api = new Api(http, BenchSetup.EMAIL, BenchSetup.PASSWORD);
        long sms = api.post("/api/v1/sms", new JsonObject().put("name", "Closed").put("text",
            "Hi ~firstName~, the school is closed on Friday. Reply STOP to opt out.")).json().getLong("id");
        long group = db.queryLong("SELECT id FROM contact_groups");
        long id = api.post("/api/v1/broadcasts", new JsonObject().put("sms", sms).put("audience", "groups")
            .put("groups", new JsonArray().add(group))).json().getLong("id");
        System.out.println("| step, " + contacts + " contacts | answered in |");
        System.out.println("|---|---:|");
        for (String step : new String[] {"count", "prepare", "confirm", "approve"}) {
          long start = System.nanoTime();
          Api.Response r = api.post("/api/v1/broadcasts/" + id + "/" + step, new JsonObject());
          double ms = (System.nanoTime() - start) / 1e6;
          if (r.status() != 200) {
            throw new IllegalStateException(step + ": " + r.status() + " " + r.body());
          }
          System.out.printf(Locale.ROOT, "| %s | %.0f ms |%n", step, ms);
        }
        long start = System.nanoTime();
        while (db.queryLong("SELECT count(*) FROM broadcasts WHERE job_id IS NOT NULL") == 0) {
          Thread.sleep(50);
        }
        System.out.printf(Locale.ROOT, "| approved to every text queued | %.0f ms |%n", (System.nanoTime() - start) / 1e6);
        System.out.printf(Locale.ROOT, "| texts queued | %d |%n", db.queryLong("SELECT count(*) FROM messages"));
      }
    }
    System.exit(0);
  }
}
