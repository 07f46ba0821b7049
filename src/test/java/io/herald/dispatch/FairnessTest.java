package io.herald.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.jobs.Unit;
import io.herald.messages.ClaimedMessage;
import io.herald.messages.Quota;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FairnessTest {
  private static Unit job(long jobId, long account) {
    return new Unit(jobId, account, "bulk", "Herald", null, null, ZoneId.of("UTC"), 1_000);
  }

  private static Map<Long, Integer> byJob(List<Quota> quotas) {
    return quotas.stream().collect(Collectors.toMap(Quota::jobId, Quota::count));
  }

  @Test
  void accountsShareEquallyWhateverTheirNumberOfJobs() {
    Fairness fairness = new Fairness();
    List<Unit> units = List.of(job(1, 10), job(2, 10), job(3, 10), job(4, 20));
    Map<Long, Integer> quotas = byJob(fairness.quotas(units, 12, u -> Integer.MAX_VALUE));
    assertEquals(6, quotas.get(4L), "the account with one job gets half");
    assertEquals(6, quotas.get(1L) + quotas.get(2L) + quotas.get(3L), "the account with three shares its half");
    assertEquals(Map.of(1L, 2, 2L, 2, 3L, 2, 4L, 6), quotas);
  }

  @Test
  void remaindersGoRoundFromRoundToRound() {
    Fairness fairness = new Fairness();
    List<Unit> units = List.of(job(1, 10), job(2, 20), job(3, 30));
    Map<Long, Integer> total = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      fairness.quotas(units, 4, u -> Integer.MAX_VALUE).forEach(q -> total.merge(q.jobId(), q.count(), Integer::sum));
    }
    assertEquals(Map.of(1L, 4, 2L, 4, 3L, 4), total, "over three rounds of 4 slots, each of 3 accounts gets 4");
  }

  @Test
  void aSendersOwnRateCapsItsUnitAndAUnitWithNoRoomClaimsNothing() {
    Fairness fairness = new Fairness();
    List<Unit> units = List.of(job(1, 10), job(2, 20));
    Map<Long, Integer> quotas = byJob(fairness.quotas(units, 10, u -> u.jobId() == 1 ? 2 : Integer.MAX_VALUE));
    assertEquals(Map.of(1L, 2, 2L, 5), quotas);
    assertEquals(List.of(2L), fairness.quotas(units, 10, u -> u.jobId() == 1 ? 0 : 9).stream().map(Quota::jobId).toList());
    assertEquals(List.of(), fairness.quotas(units, 0, u -> 5));
  }

  @Test
  void splitIsAsEqualAsItCanBe() {
    assertArrayEquals(new int[] {4, 3, 3}, Fairness.split(10, 3, 0));
    assertArrayEquals(new int[] {3, 4, 3}, Fairness.split(10, 3, 1));
    assertArrayEquals(new int[] {0, 0, 0}, Fairness.split(0, 3, 2));
  }

  @Test
  void claimedMessagesAlternateBetweenTheirUnits() {
    List<ClaimedMessage> claimed = List.of(message(1, 7L), message(2, 7L), message(3, 7L), message(4, 8L), message(5, null));
    assertEquals(List.of(1L, 4L, 5L, 2L, 3L), Fairness.interleave(claimed).stream().map(ClaimedMessage::id).toList());
  }

  private static ClaimedMessage message(long id, Long jobId) {
    return new ClaimedMessage(id, jobId, 10, "bulk", "Herald", "+12025550143", "x", 1, null, false);
  }
}
