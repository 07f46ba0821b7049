package io.herald.web;

import static io.herald.web.ContactsRoutes.reply;

import io.herald.contacts.KeywordSettings;
import io.herald.contacts.ReplyKeywords;
import io.vertx.ext.web.Router;

/** The keywords replies are read for (STOP, START, HELP, ...) and the answers; admins change them. */
final class ReplyKeywordRoutes implements Routes {
  private final ReplyKeywords keywords;

  ReplyKeywordRoutes(ReplyKeywords keywords) {
    this.keywords = keywords;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/reply-keywords").handler(Http.safe(ctx -> reply(ctx, 200,
        keywords.get(Http.account(ctx)).map(KeywordSettings::toJson))));
    router.put("/api/v1/reply-keywords").handler(Http.readBody()).handler(Http.safe(ctx -> reply(ctx, 200,
        keywords.update(Http.account(ctx), Http.body(ctx)).map(KeywordSettings::toJson))));
  }
}
