package io.herald.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N texts into smsbox's cgi-bin/sendsms over a few keep-alive connections, one request in flight on
 * each, so the injection can run ahead of the SMPP window. Vert.x's client on an event loop: the JDK's
 * HttpClient took more CPU a message than smsbox itself, on the cores Kannel needs. The texts and
 * recipients are the dispatch benchmark's.
 */
final class SendsmsLoad {
  /** What the injection took: from the first request to the last answer. */
  record Injection(long startedNanos, long finishedNanos, int accepted) {
    double seconds() {
      return (finishedNanos - startedNanos) / 1e9;
    }
  }

  private final String dlrUrl;
  private final int connections;
  private final HttpClientAgent http;

  SendsmsLoad(Vertx vertx, int sendsmsPort, String dlrUrl, int connections) {
    this.dlrUrl = encode(dlrUrl);
    this.connections = connections;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
        .setDefaultPort(sendsmsPort), new PoolOptions().setHttp1MaxSize(connections));
  }

  Injection send(int messages) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger running = new AtomicInteger(connections);
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      sendFrom(next, messages, accepted, done, running);
    }
    done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    return new Injection(started, System.nanoTime(), accepted.get());
  }

  /** One connection's sequence: the next text when the previous one is answered. */
  private void sendFrom(AtomicInteger next, int messages, AtomicInteger accepted, Promise<Void> done, AtomicInteger running) {
    int i = next.getAndIncrement();
    if (i >= messages) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete();
      }
      return;
    }
    http.request(HttpMethod.GET, uri(i))
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().compose(body -> accepted(response.statusCode(), body.toString())
            ? Future.succeededFuture()
            : Future.failedFuture("sendsms answered " + response.statusCode() + ": " + body)))
        .onSuccess(ok -> {
          accepted.incrementAndGet();
          sendFrom(next, messages, accepted, done, running);
        })
        .onFailure(e -> done.tryFail(new IllegalStateException("sendsms failed after " + accepted.get() + " accepted", e)));
  }

  /** "0: Accepted for delivery", or "3: Queued for later delivery" while the SMPP link is down. */
  private static boolean accepted(int status, String body) {
    return status == 202 && (body.startsWith("0:") || body.startsWith("3:"));
  }

  private String uri(int i) {
    return "/cgi-bin/sendsms?username=" + KannelConf.USER + "&password=" + KannelConf.PASSWORD + "&from=Herald"
        + "&to=" + encode(DispatchBench.recipient(i)) + "&text=" + encode("Benchmark message " + i)
        + "&dlr-mask=3&dlr-url=" + dlrUrl;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
