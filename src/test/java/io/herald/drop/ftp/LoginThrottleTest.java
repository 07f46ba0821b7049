package io.herald.drop.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins from one address: counted over the block time, then the address waits the block time out. */
class LoginThrottleTest {
  private long now = 1_000_000;
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }
  };

  @Test
  void repeatedFailuresBlockTheAddressForAWhile() throws Exception {
    LoginThrottle throttle = new LoginThrottle(3, 60_000, clock);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    throttle.failed(a);
    throttle.failed(a);
    assertEquals(0, throttle.blockedFor(a));
    throttle.failed(a);
    assertEquals(60_000, throttle.blockedFor(a));
    assertEquals(0, throttle.blockedFor(b), "other addresses are not affected");
    now += 59_000;
    assertEquals(1_000, throttle.blockedFor(a));
    now += 1_000;
    assertEquals(0, throttle.blockedFor(a));
  }

  @Test
  void oldFailuresAndASuccessfulLoginAreForgotten() throws Exception {
    LoginThrottle throttle = new LoginThrottle(2, 10_000, clock);
    InetAddress a = InetAddress.getByName("192.0.2.3");
    throttle.failed(a);
    now += 10_000;
    throttle.failed(a);
    assertEquals(0, throttle.blockedFor(a), "the first failure is older than the block time");
    throttle.succeeded(a);
    throttle.failed(a);
    assertEquals(0, throttle.blockedFor(a));
    throttle.failed(a);
    assertTrue(throttle.blockedFor(a) > 0);
  }
}
