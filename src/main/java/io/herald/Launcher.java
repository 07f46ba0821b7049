package io.herald;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.accounts.FirstStart;
import io.herald.config.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code herald [--config FILE]} starts the daemon and runs it until SIGTERM or
 * SIGINT; {@code herald simulator ...} runs the SMSC simulator alone. Exit 2 for a bad argument or
 * config, 1 when start-up fails, 0 after a clean stop.
 */
final class Launcher {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("simulator")) {
      try {
        System.exit(io.herald.smsc.simulator.SimulatorMain.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
      } catch (IllegalArgumentException e) {
        System.err.println("herald simulator: " + e.getMessage()
            + " (usage: herald simulator [--host H] [--port P] [--receipt-delay-ms N])");
        System.exit(2);
      }
      return;
    }
    Path file;
    try {
      file = configFile(args);
    } catch (IllegalArgumentException e) {
      System.err.println("herald: " + e.getMessage());
      System.exit(2);
      return;
    }
    HeraldConfig config;
    try {
      config = ConfigLoader.load(file, System.getenv(), System.getProperties());
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      System.exit(2);
      return;
    }
    Herald herald;
    try {
      herald = Herald.start(config).toCompletionStage().toCompletableFuture().join();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("herald: " + (cause instanceof Herald.StartupException ? cause.getMessage() : Herald.rootMessage(cause)));
      if (!(cause instanceof Herald.StartupException)) {
        log.error("start-up failed", cause);
      }
      System.exit(1);
      return;
    }
    for (FirstStart.Created user : herald.createdUsers()) {
      String variable = user.role() == io.herald.accounts.Role.OPERATOR ? "HERALD_OPERATOR_PASSWORD" : "HERALD_ADMIN_PASSWORD";
      if (user.generatedPassword() != null) {
        System.out.println("Herald created the " + user.role().dbName() + " user " + user.email() + " with the password "
            + user.generatedPassword() + " (shown once; set " + variable + " to choose it)");
      }
    }
    System.out.println(herald.readyLine());
    System.out.flush();
    waitForSignal(herald);
  }

  /** SIGTERM and SIGINT stop Herald cleanly and exit 0. */
  private static void waitForSignal(Herald herald) {
    CountDownLatch stopped = new CountDownLatch(1);
    sun.misc.SignalHandler handler = signal -> {
      log.info("SIG{} received: stopping", signal.getName());
      herald.stop().onComplete(ar -> stopped.countDown());
    };
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    try {
      stopped.await();
      stopped.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Herald stopped");
    System.exit(0);
  }

  private static Path configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--config needs a file name");
        }
        Path file = Path.of(args[i + 1]);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        return file;
      }
      throw new IllegalArgumentException("unknown argument '" + args[i] + "' (usage: herald [--config FILE], or herald simulator)");
    }
    Path standard = Path.of("conf", "herald.json");
    return Files.isRegularFile(standard) ? standard : null;
  }

}
