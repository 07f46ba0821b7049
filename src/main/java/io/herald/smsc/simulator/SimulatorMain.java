package io.herald.smsc.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar herald.jar simulator [--host H] [--port P] [--receipt-delay-ms N]}: the built-in
 * SMSC simulator in a process of its own (system_id and password {@code herald}), so a daemon's
 * CPU can be measured apart from its peer's. Runs until SIGTERM or SIGINT.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  /** Exit code 2 on a bad argument; otherwise runs until stopped, then exits 0. */
  public static int run(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 2775;
    long receiptDelay = 200;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      try {
        switch (args[i]) {
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          case "--receipt-delay-ms" -> receiptDelay = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
      } catch (NumberFormatException | NullPointerException e) {
        throw new IllegalArgumentException(args[i] + " needs a number");
      }
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      i++;
    }
    SmscSimulator simulator = new SmscSimulator(new SimulatorConfig(true, host, port, "herald", "herald", receiptDelay));
    simulator.start();
    System.out.println("SMSC simulator listening on smpp://" + host + ":" + simulator.port()
        + " (system_id herald, password herald; receipts after " + receiptDelay + " ms)");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    sun.misc.SignalHandler handler = signal -> stopped.countDown();
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    stopped.await();
    simulator.close();
    return 0;
  }
}
