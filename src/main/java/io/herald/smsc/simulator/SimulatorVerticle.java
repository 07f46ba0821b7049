package io.herald.smsc.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs the {@link SmscSimulator} inside Herald. jsmpp blocks, so starting and closing go through
 * {@code executeBlocking}; the simulator's sessions live on its own threads, never on an event loop.
 * With {@code enabled=false} the verticle deploys and does nothing.
 */
public final class SimulatorVerticle extends VerticleBase {
  private final SimulatorConfig config;
  private volatile SmscSimulator simulator;

  public SimulatorVerticle(SimulatorConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    SmscSimulator created = new SmscSimulator(config);
    simulator = created;
    return vertx.executeBlocking(() -> {
      created.start();
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    SmscSimulator running = simulator;
    if (running == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      running.close();
      return null;
    });
  }

  /** The port the simulator listens on, or -1 when it is disabled or not started. */
  public int port() {
    SmscSimulator running = simulator;
    return running == null ? -1 : running.port();
  }

  /** The running simulator, for metrics; null when disabled. */
  public SmscSimulator simulator() {
    return simulator;
  }
}
