package io.herald.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.smsc.MoFragment;
import io.herald.smsc.MoHandOff;
import io.herald.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A part that cannot be stored is refused, so the SMSC redelivers it. */
class MoReceiverFailureTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void withoutADatabaseTheRequestFailsWithSystemError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Pool pool = PgBuilder.pool()
        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort).setUser("postgres")
            .setDatabase("none"))
        .using(vertx)
        .build();
    Await.result(vertx.deployVerticle(new MoReceiver(pool, new SimpleMeterRegistry())));
    MoFragment fragment = new MoFragment("carrier-a", "12025550143", "55555", 0, 0,
        "hello".getBytes(StandardCharsets.US_ASCII), null, null, null, null, Instant.now());

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> Await.result(vertx.eventBus().request(MoHandOff.FRAGMENTS, fragment)));
    ReplyException reply = (ReplyException) failed.getCause();
    assertEquals(MoHandOff.STORE_FAILED, reply.failureCode());
    assertTrue(reply.getMessage().startsWith("cannot store the message: "), reply.getMessage());

    assertEquals(0x08, Await.result(MoHandOff.deliver(vertx, fragment, Duration.ofSeconds(10))),
        "the deliver_sm_resp status: ESME_RSYSERR, so the SMSC delivers it again");
  }

  @Test
  void withoutAReceiverDeployedDeliverFailsWithSystemError() throws Exception {
    MoHandOff.registerCodec(vertx);
    MoHandOff.registerCodec(vertx); // twice is harmless
    MoFragment fragment = new MoFragment("carrier-a", "12025550143", "55555", 0, 0,
        "hello".getBytes(StandardCharsets.US_ASCII), null, null, null, null, Instant.now());
    assertEquals(0x08, Await.result(MoHandOff.deliver(vertx, fragment, Duration.ofSeconds(2))),
        "the deliver_sm_resp status: ESME_RSYSERR");
  }

}
