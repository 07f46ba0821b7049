package io.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private Path file(String json) throws IOException {
    Path file = dir.resolve("herald.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void withoutAFileEveryKeyHasItsDefault() {
    HeraldConfig config = ConfigLoader.load(null, Map.of(), new Properties());
    assertEquals(8080, config.http().port());
    assertEquals("postgresql://postgres@127.0.0.1:5432/herald", config.db().url());
    assertEquals("admin@localhost", config.admin().email());
    assertFalse(config.simulator().enabled(), "the simulator is off unless the config turns it on");
    assertTrue(config.smsc().isEmpty());
    assertEquals(10, config.messages().maxParts());
  }

  @Test
  void theShippedConfigRunsTheSimulatorAndConnectsToIt() {
    HeraldConfig config = ConfigLoader.load(Path.of("conf/herald.json"), Map.of(), new Properties());
    assertTrue(config.simulator().enabled());
    assertEquals(1, config.smsc().size());
    assertEquals(config.simulator().port(), config.smsc().get(0).port());
    assertEquals(config.simulator().password(), config.smsc().get(0).password());
  }

  @Test
  void environmentAndPropertiesOverrideTheFile() throws IOException {
    Path file = file("""
        {"http": {"port": 9000}, "smsc": [{"name": "a", "systemId": "x", "tps": 10}]}""");
    Properties props = new Properties();
    props.setProperty("herald.smsc.0.tps", "50");
    HeraldConfig config = ConfigLoader.load(file, Map.of(
        "HERALD_DB_URL", "postgresql://herald@db.internal:5433/prod",
        "HERALD_DB_POOL_SIZE", "16",
        "HERALD_ADMIN_EMAIL", "ops@example.com",
        "HERALD_HTTP_PORT", "9100"), props);
    assertEquals("postgresql://herald@db.internal:5433/prod", config.db().url());
    assertEquals(16, config.db().poolSize());
    assertEquals("ops@example.com", config.admin().email());
    assertEquals(9100, config.http().port());
    assertEquals(50, config.smsc().get(0).tps());
    assertEquals(10, config.smsc().get(0).window(), "connection keys not given take the connection defaults");
  }

  @Test
  void anUnknownKeyIsAnErrorNamingIt() throws IOException {
    Path file = file("""
        {"smsc": [{"name": "a", "systemId": "x", "tsp": 10}]}""");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), new Properties()));
    assertEquals("unknown config key 'smsc.0.tsp'", e.getMessage());
  }

  @Test
  void badValuesAreErrorsNamingKeyAndValue() throws IOException {
    assertEquals("config key 'http.port' must be between 0 and 65535, got 70000",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file("{\"http\": {\"port\": 70000}}"),
            Map.of(), new Properties())).getMessage());
    assertEquals("override of 'http.port' (HERALD_HTTP_PORT) must be a number, got 'eighty'",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
            Map.of("HERALD_HTTP_PORT", "eighty"), new Properties())).getMessage());
    assertEquals("config key 'account.timeZone' must be an IANA time zone like Europe/Paris, got 'Mars/Olympus'",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file("{\"account\": {\"timeZone\": \"Mars/Olympus\"}}"),
            Map.of(), new Properties())).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(file("{\"http\": "),
        Map.of(), new Properties())).getMessage().startsWith("config file " + dir.resolve("herald.json") + " is not valid JSON"));
    assertEquals("config key 'smsc.1.name': 'a' is used twice",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file(
            "{\"smsc\": [{\"name\": \"a\", \"systemId\": \"x\"}, {\"name\": \"a\", \"systemId\": \"y\"}]}"),
            Map.of(), new Properties())).getMessage());
  }

  @Test
  void aMistypedVariableOrPropertyStopsStartUpLikeAMistypedKey() throws IOException {
    assertEquals("unknown environment variable HERALD_HTPP_PORT (did you mean HERALD_HTTP_PORT?)",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
            Map.of("HERALD_HTPP_PORT", "9000"), new Properties())).getMessage());
    assertEquals("unknown environment variable HERALD_SMSC_1_TPS (did you mean HERALD_SMSC_0_TPS?)",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file("{\"smsc\": [{\"name\": \"a\", \"systemId\": \"x\"}]}"),
            Map.of("HERALD_SMSC_1_TPS", "10"), new Properties())).getMessage(), "an override cannot add a connection");
    Properties typo = new Properties();
    typo.setProperty("herald.dispatch.batchSise", "10");
    assertEquals("unknown system property -Dherald.dispatch.batchSise (did you mean herald.dispatch.batchSize?)",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), typo)).getMessage());
    assertEquals("unknown environment variable HERALD_SOMETHING_ELSE_ENTIRELY",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
            Map.of("HERALD_SOMETHING_ELSE_ENTIRELY", "x"), new Properties())).getMessage());
    HeraldConfig config = ConfigLoader.load(null, Map.of("HERALD_JAVA_OPTS", "-Xmx256m", "HERALD_TEST_DB_URL", "x",
        "HERALD_HTTP_PORT", "9001", "PATH", "/usr/bin"), new Properties());
    assertEquals(9001, config.http().port(), "variables the scripts read, and others', are left alone");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertEquals("HERALD_DB_POOL_SIZE", ConfigLoader.envName("db.poolSize"));
    assertEquals("HERALD_SIMULATOR_RECEIPT_DELAY_MILLIS", ConfigLoader.envName("simulator.receiptDelayMillis"));
    assertEquals("HERALD_SMSC_0_PASSWORD", ConfigLoader.envName("smsc.0.password"));
  }
}
