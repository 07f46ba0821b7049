package io.herald.smsc.simulator;

import java.util.Objects;

/**
 * Settings of the built-in SMSC simulator.
 *
 * @param enabled whether Herald deploys the simulator at all (read by the caller, not by {@link SmscSimulator})
 * @param host address the listening socket binds to
 * @param port TCP port; 0 picks any free port (tests)
 * @param systemId the only system_id allowed to bind
 * @param password its password
 * @param receiptDelayMillis delay between submit_sm_resp and the delivery receipt
 */
public record SimulatorConfig(
    boolean enabled, String host, int port, String systemId, String password, long receiptDelayMillis) {

  public SimulatorConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(password, "password");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (receiptDelayMillis < 0) {
      throw new IllegalArgumentException("receiptDelayMillis must not be negative: " + receiptDelayMillis);
    }
  }
}
