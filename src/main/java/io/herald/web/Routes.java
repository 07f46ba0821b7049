package io.herald.web;

import io.vertx.ext.web.Router;

/** One capability's API routes. Mounted behind authentication; each route checks its role. */
public interface Routes {
  void mount(Router router);
}
