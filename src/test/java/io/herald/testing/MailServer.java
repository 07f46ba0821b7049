package io.herald.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server for tests (GreenMail) on one loopback port that survives a stop and a start,
 * so a test can take the mail server away and bring it back. Mail is read as its reader sees it.
 */
public final class MailServer implements AutoCloseable {
  /** One received mail: its recipient, subject, plain text and HTML. */
  public record Received(String to, String subject, String text, String html, String messageId) {}

  private final int port = TestHerald.freePort();
  private final GreenMailConfiguration configuration;
  private GreenMail server;
  /** Mails received before a stop, since GreenMail forgets them. */
  private final List<Received> earlier = new ArrayList<>();

  private MailServer(GreenMailConfiguration configuration) {
    this.configuration = configuration;
    start();
  }

  public static MailServer open() {
    return new MailServer(GreenMailConfiguration.aConfig());
  }

  /** A server that takes mail only from this user, as a relay with log-ins does. */
  public static MailServer withUser(String user, String password) {
    return new MailServer(GreenMailConfiguration.aConfig().withUser(user, password));
  }

  public int port() {
    return port;
  }

  public synchronized void start() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.withConfiguration(configuration);
    server.start();
  }

  public synchronized void stop() {
    earlier.addAll(current());
    server.stop();
    server = null;
  }

  /** Every mail received so far, in order. */
  public synchronized List<Received> mails() {
    List<Received> all = new ArrayList<>(earlier);
    if (server != null) {
      all.addAll(current());
    }
    return all;
  }

  public List<Received> mailsTo(String address) {
    return mails().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
  }

  public List<Received> withSubject(String start) {
    return mails().stream().filter(m -> m.subject().startsWith(start)).toList();
  }

  /** Waits for a mail whose subject starts so, and returns the first. */
  public Received await(String subjectStart) {
    return Await.value("a mail with the subject '" + subjectStart + "...'", Duration.ofSeconds(30),
        () -> withSubject(subjectStart).stream().findFirst().orElse(null));
  }

  private List<Received> current() {
    List<Received> list = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      list.add(read(m));
    }
    return list;
  }

  private static Received read(MimeMessage m) {
    try {
      String to = Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).findFirst().orElse("");
      String text = "";
      String html = "";
      if (m.getContent() instanceof MimeMultipart parts) {
        for (int i = 0; i < parts.getCount(); i++) {
          var part = parts.getBodyPart(i);
          if (part.isMimeType("text/plain")) {
            text = String.valueOf(part.getContent());
          } else if (part.isMimeType("text/html")) {
            html = String.valueOf(part.getContent());
          }
        }
      } else {
        text = GreenMailUtil.getBody(m);
      }
      return new Received(to, m.getSubject(), text, html, m.getMessageID());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
    }
  }
}
