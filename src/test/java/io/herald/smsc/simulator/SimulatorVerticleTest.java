package io.herald.smsc.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Await;
import io.herald.testing.JsmppTestClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import org.jsmpp.bean.BindType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorVerticleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    Await.result(vertx.close());
  }

  @Test
  void deploysTheSimulatorAndClosesItOnUndeploy() throws Exception {
    SimulatorVerticle verticle = new SimulatorVerticle(new SimulatorConfig(true, "127.0.0.1", 0, "herald", "pw", 10));
    String id = Await.result(vertx.deployVerticle(verticle));
    int port = verticle.port();
    assertTrue(port > 0);
    try (JsmppTestClient client = JsmppTestClient.bind(port, BindType.BIND_TRX, "herald", "pw")) {
      client.submit("+15550001234", "via the verticle");
      assertEquals(1, verticle.simulator().submitsReceived());
    }

    Await.result(vertx.undeploy(id));
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void disabledDeploysNothing() throws Exception {
    SimulatorVerticle verticle = new SimulatorVerticle(new SimulatorConfig(false, "127.0.0.1", 0, "herald", "pw", 10));
    Await.result(vertx.deployVerticle(verticle));
    assertEquals(-1, verticle.port());
  }

}
