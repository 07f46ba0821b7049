package io.herald.config;

import java.util.List;
import java.util.Locale;

/** One carrier SMSC connection: where it is, how to bind, how hard it may be pushed, its dialect. */
public record SmscConfig(
    String name,
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    int window,
    int tps,
    int enquireLinkSeconds,
    long responseTimeoutMillis,
    long reconnectMinMillis,
    long reconnectMaxMillis,
    BindMode bindMode,
    int sourceTon,
    int sourceNpi,
    DataCoding dataCoding,
    String receiptIdFormat,
    Split split,
    int maxParts,
    int receiptTimeoutHours) {

  /** One transceiver session, or a transmitter and a receiver session side by side. */
  public enum BindMode { TRX, TXRX }

  /** How texts in the GSM alphabet go: GSM 03.38 (data_coding 0), or always UCS-2 for SMSCs that garble GSM. */
  public enum DataCoding { GSM, UCS2 }

  /** How a long text is split: UDH in each part, sar_* TLVs, or the whole text in message_payload. */
  public enum Split { UDH, SAR, PAYLOAD }

  static SmscConfig from(Keys keys) {
    SmscConfig config = new SmscConfig(
        keys.nonEmpty("name"),
        keys.nonEmpty("host"),
        keys.port("port"),
        keys.nonEmpty("systemId"),
        keys.text("password"),
        keys.text("systemType"),
        (int) keys.number("window", 1, 1_000),
        (int) keys.number("tps", 1, 100_000),
        (int) keys.number("enquireLinkSeconds", 1, 3_600),
        keys.number("responseTimeoutMillis", 100, 600_000),
        keys.number("reconnectMinMillis", 10, 3_600_000),
        keys.number("reconnectMaxMillis", 10, 3_600_000),
        choice(keys, "bindMode", BindMode.class, List.of("trx", "txrx")),
        (int) keys.number("sourceTon", -1, 6),
        (int) keys.number("sourceNpi", -1, 18),
        choice(keys, "dataCoding", DataCoding.class, List.of("gsm", "ucs2")),
        choice(keys, "receiptIdFormat", List.of("auto", "hex", "dec")),
        choice(keys, "split", Split.class, List.of("udh", "sar", "payload")),
        (int) keys.number("maxParts", 1, 255),
        (int) keys.number("receiptTimeoutHours", 1, 24 * 30));
    if (config.reconnectMaxMillis < config.reconnectMinMillis) {
      throw new ConfigException("config key '" + keys.name("reconnectMaxMillis") + "' must not be below reconnectMinMillis");
    }
    return config;
  }

  private static String choice(Keys keys, String key, List<String> allowed) {
    String value = keys.text(key).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException("config key '" + keys.name(key) + "' must be one of " + String.join(", ", allowed)
          + ", got '" + keys.text(key) + "'");
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(Keys keys, String key, Class<E> type, List<String> allowed) {
    return Enum.valueOf(type, choice(keys, key, allowed).toUpperCase(Locale.ROOT));
  }

  public SmscConfig withPort(int newPort) {
    return new SmscConfig(name, host, newPort, systemId, password, systemType, window, tps, enquireLinkSeconds,
        responseTimeoutMillis, reconnectMinMillis, reconnectMaxMillis, bindMode, sourceTon, sourceNpi,
        dataCoding, receiptIdFormat, split, maxParts, receiptTimeoutHours);
  }
}
