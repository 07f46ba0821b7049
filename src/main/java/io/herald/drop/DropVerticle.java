package io.herald.drop;

import io.herald.config.DropConfig;
import io.herald.drop.ftp.DropFtpServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop verticle: processes received files (from the FTP site or an HTTP upload) one at a time
 * per profile, so that the same content dropped twice is caught the second time, and runs the FTP
 * site when {@code drop.enabled}. FtpServer runs on its own MINA threads; a finished upload reaches
 * this verticle over the event bus.
 */
public final class DropVerticle extends VerticleBase {
  /** Takes a {@link Received} as JSON; answers the file's outcome. */
  public static final String PROCESS = "drop.process";
  private static final Logger log = LoggerFactory.getLogger(DropVerticle.class);

  private final DropConfig config;
  private final DropProcessor processor;
  private final DropFtpServer ftp;
  private final FtpEndpoint endpoint;
  private final ExecutorService readers;
  private final Map<Long, Future<?>> queues = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  public DropVerticle(DropConfig config, DropProcessor processor, DropFtpServer ftp, FtpEndpoint endpoint,
                      ExecutorService readers) {
    this.config = config;
    this.processor = processor;
    this.ftp = ftp;
    this.endpoint = endpoint;
    this.readers = readers;
  }

  /** The FTP port once listening (the configured one when port 0 was not asked for). */
  public int ftpPort() {
    return endpoint.port();
  }

  public boolean ftpEnabled() {
    return config.enabled();
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(PROCESS, this::received);
    Future<?> recovered = processor.recover().onFailure(e -> log.warn("drop files left half-done: {}", e.toString()))
        .otherwiseEmpty();
    if (!config.enabled()) {
      return recovered;
    }
    return recovered.compose(v -> vertx.executeBlocking(() -> {
      int port = ftp.start();
      endpoint.listening(port);
      return port;
    }, false)).onSuccess(port -> log.info("Drop & Go FTP site on {}:{}", config.host(), port));
  }

  @Override
  public Future<?> stop() {
    Future<?> ftpStopped = config.enabled() ? vertx.executeBlocking(() -> {
      ftp.stop();
      return null;
    }, false) : Future.succeededFuture();
    return ftpStopped.compose(v -> consumer.unregister()).compose(v -> vertx.executeBlocking(() -> {
      readers.shutdown();
      readers.awaitTermination(10, TimeUnit.SECONDS);
      return null;
    }, false));
  }

  /** Queues the file behind the ones of the same profile still being processed. */
  private void received(Message<JsonObject> message) {
    Received file;
    try {
      file = Received.fromJson(message.body());
    } catch (RuntimeException e) {
      message.fail(400, "not a received file: " + e.getMessage());
      return;
    }
    Future<?> before = queues.getOrDefault(file.profileId(), Future.succeededFuture());
    Future<JsonObject> done = before.otherwiseEmpty().compose(v -> processor.process(file));
    queues.put(file.profileId(), done);
    done.onComplete(ar -> {
      if (queues.get(file.profileId()) == done) {
        queues.remove(file.profileId());
      }
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        log.warn("drop file {} of profile {} failed: {}", file.name(), file.profileId(), ar.cause().toString());
        message.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }
}
