package io.herald.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Locale;

/**
 * scripts/bench kannel: the dispatch benchmark's work through Kannel (Debian's bearerbox and smsbox)
 * instead of Herald. N texts (default 20,000) over smsbox's HTTP sendsms with dlr-mask=3, to the same
 * SMSC simulator in a process of its own, with the same window; receipts come back to a dlr-url here.
 *
 * <p>"live" (the default) times from the first sendsms to the last final receipt, the texts going out
 * while they are still coming in. "queued" is the dispatch benchmark's way: every text is taken
 * (stored by bearerbox) while the simulator is not yet running, and the clock starts when the link
 * is seen bound, as Herald's starts once its job is queued. Prints messages/s, CPU per message of
 * bearerbox, smsbox, the simulator and this process over the timed part (/proc), and the boxes' peak
 * RSS. Kannel must be installed (scripts/bench installs it).
 */
public final class KannelBench {
  private KannelBench() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    boolean queued = args.length > 2 && args[2].equals("queued");
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    KannelConf conf = new KannelConf(Path.of("target/kannel").toAbsolutePath(), BenchSetup.freePort(),
        BenchSetup.freePort(), BenchSetup.freePort(), BenchSetup.freePort(), window);
    Vertx vertx = Vertx.vertx();
    ChildSimulator simulator = queued ? null : new ChildSimulator(conf.smscPort(), 200);
    try (KannelGateway kannel = new KannelGateway(conf); ReceiptCounter receipts = new ReceiptCounter(vertx)) {
      kannel.awaitSmsbox();
      SendsmsLoad load = new SendsmsLoad(vertx, conf.sendsmsPort(), receipts.url(), connections);
      long bench = ProcessHandle.current().pid();
      long[] before = null;
      if (!queued) {
        kannel.awaitSmscOnline();
        before = cpu(kannel, simulator, bench);
      }
      SendsmsLoad.Injection injection = load.send(messages);
      long started = injection.startedNanos();
      if (queued) {
        simulator = new ChildSimulator(conf.smscPort(), 200);
        started = kannel.awaitSmscOnline();
        before = cpu(kannel, simulator, bench);
      }
      receipts.await(injection.accepted(), 60);
      long[] used = cpu(kannel, simulator, bench);
      for (int i = 0; i < used.length; i++) {
        used[i] -= before[i];
      }
      double seconds = (receipts.lastNanos() - started) / 1e9;
      long bearerboxRss = ResidentMemory.peakMb(kannel.bearerboxPid());
      long smsboxRss = ResidentMemory.peakMb(kannel.smsboxPid());
      double n = injection.accepted();
      System.out.println("| figure | value |");
      System.out.println("|---|---:|");
      System.out.printf(Locale.ROOT, "| messages (accepted by sendsms) | %d |%n", injection.accepted());
      System.out.printf(Locale.ROOT, "| window (max-pending-submits) | %d |%n", window);
      System.out.printf(Locale.ROOT, "| sendsms, %d keep-alive connections: first request to last answer | %.2f s (%.0f/s)%s |%n",
          connections, injection.seconds(), n / injection.seconds(), queued ? ", the link down" : "");
      System.out.printf(Locale.ROOT, "| %s to last receipt | %.2f s |%n", queued ? "link bound" : "first sendsms", seconds);
      System.out.printf(Locale.ROOT, "| messages/s end to end | %.0f |%n", n / seconds);
      System.out.printf(Locale.ROOT, "| final receipts: delivered / undelivered (others) | %d / %d (%d) |%n",
          receipts.delivered(), receipts.undelivered(), receipts.others());
      System.out.printf(Locale.ROOT, "| peak RSS, bearerbox + smsbox | %d + %d = %d MB |%n",
          bearerboxRss, smsboxRss, bearerboxRss + smsboxRss);
      System.out.println("| SMSC simulator | its own process |");
      System.out.printf(Locale.ROOT, "| CPU per message, bearerbox | %.0f µs |%n", used[0] / n);
      System.out.printf(Locale.ROOT, "| CPU per message, smsbox | %.0f µs |%n", used[1] / n);
      System.out.printf(Locale.ROOT, "| CPU per message, Kannel (both boxes) | %.0f µs |%n", (used[0] + used[1]) / n);
      System.out.printf(Locale.ROOT, "| CPU per message, simulator | %.0f µs |%n", used[2] / n);
      System.out.printf(Locale.ROOT, "| CPU per message, this bench (%sdlr-url server) | %.0f µs |%n",
          queued ? "" : "sendsms client, ", used[3] / n);
    } finally {
      if (simulator != null) {
        simulator.close();
      }
    }
    System.exit(0);
  }

  /** CPU microseconds so far of bearerbox, smsbox, the simulator and this process. */
  private static long[] cpu(KannelGateway kannel, ChildSimulator simulator, long bench) {
    return new long[] {CpuTime.ofProcess(kannel.bearerboxPid()), CpuTime.ofProcess(kannel.smsboxPid()),
        CpuTime.ofProcess(simulator.pid()), CpuTime.ofProcess(bench)};
  }
}
