package io.herald.smsc.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.session.SMPPServerSession;

/** Every open session and, once bound, the system_id it bound with; picks where a receipt or a reply goes. */
final class BoundSessions {
  private final Set<SMPPServerSession> open = ConcurrentHashMap.newKeySet();
  private final Map<SMPPServerSession, String> systemIds = new ConcurrentHashMap<>();

  void opened(SMPPServerSession session) {
    open.add(session);
  }

  /** Called just before the bind is accepted, so the session is known by the time it can submit. */
  void binding(SMPPServerSession session, String systemId) {
    systemIds.put(session, systemId);
  }

  void closed(SMPPServerSession session) {
    systemIds.remove(session);
    open.remove(session);
  }

  String systemIdOf(SMPPServerSession session) {
    return systemIds.getOrDefault(session, "");
  }

  /** The submitting session if it can still receive, else any receiver/transceiver of the same ESME. */
  Optional<SMPPServerSession> receiverFor(SMPPServerSession origin, String systemId) {
    if (origin.getSessionState().isReceivable()) {
      return Optional.of(origin);
    }
    return systemIds.entrySet().stream()
        .filter(e -> e.getValue().equals(systemId) && e.getKey().getSessionState().isReceivable())
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** Any bound receiver/transceiver, for a reply that no submit asked for. */
  Optional<SMPPServerSession> anyReceiver() {
    return systemIds.keySet().stream().filter(s -> s.getSessionState().isReceivable()).findFirst();
  }

  long receivers() {
    return systemIds.keySet().stream().filter(s -> s.getSessionState().isReceivable()).count();
  }

  Set<SMPPServerSession> open() {
    return Set.copyOf(open);
  }
}
