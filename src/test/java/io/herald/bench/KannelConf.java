package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kannel.conf for the comparison: one bearerbox with a file store and receipts kept in memory, one
 * SMPP transceiver to the simulator with the same window as Herald's, one smsbox taking sendsms.
 *
 * @param dir where the config, the store and the logs go (target/kannel)
 * @param adminPort bearerbox's admin HTTP port (status.txt)
 * @param smsboxPort bearerbox's port for smsbox
 * @param sendsmsPort smsbox's sendsms HTTP port
 * @param smscPort the simulator's SMPP port
 * @param window submits in flight on the SMPP link (max-pending-submits)
 */
record KannelConf(Path dir, int adminPort, int smsboxPort, int sendsmsPort, int smscPort, int window) {
  static final String ADMIN_PASSWORD = "bench";
  static final String USER = "bench";
  static final String PASSWORD = "bench";
  static final String SMSC_ID = "simulator";
  /**
   * Warnings and worse: at 1 (info) smsbox writes four lines a message (three for the sendsms, one for
   * the receipt), and the Herald it is compared with logs at WARN.
   */
  private static final int LOG_LEVEL = 2;

  Path file() {
    return dir.resolve("kannel.conf");
  }

  Path log(String box) {
    return dir.resolve(box + ".log");
  }

  Path write() throws IOException {
    Files.createDirectories(dir);
    String text = String.join("\n",
        "group = core",
        "admin-port = " + adminPort,
        "admin-interface = 127.0.0.1",
        "admin-password = " + ADMIN_PASSWORD,
        "admin-allow-ip = 127.0.0.1",
        "smsbox-port = " + smsboxPort,
        "smsbox-interface = 127.0.0.1",
        "box-allow-ip = 127.0.0.1",
        "log-file = \"" + log("bearerbox") + "\"",
        "log-level = " + LOG_LEVEL,
        "store-type = file",
        "store-location = \"" + dir.resolve("store") + "\"",
        "dlr-storage = internal",
        "",
        "group = smsc",
        "smsc = smpp",
        "smsc-id = " + SMSC_ID,
        "host = 127.0.0.1",
        "port = " + smscPort,
        "transceiver-mode = true",
        "smsc-username = herald", // the simulator's system_id and password (SimulatorMain)
        "smsc-password = herald",
        "system-type = VMA", // Kannel requires one; the simulator reads none
        "max-pending-submits = " + window,
        "enquire-link-interval = 30",
        "reconnect-delay = 1", // the queued run binds once the simulator is started
        "",
        "group = smsbox",
        "bearerbox-host = 127.0.0.1",
        "bearerbox-port = " + smsboxPort,
        "sendsms-port = " + sendsmsPort,
        "sendsms-interface = 127.0.0.1",
        "global-sender = Herald",
        "log-file = \"" + log("smsbox") + "\"",
        "log-level = " + LOG_LEVEL,
        "",
        "group = sendsms-user",
        "username = " + USER,
        "password = " + PASSWORD,
        "concatenation = false",
        "max-messages = 1",
        "");
    Files.writeString(file(), text);
    return file();
  }
}
