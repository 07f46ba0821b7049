package io.herald.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.accounts.Role;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route mounted without a line in the table, or a line without its route, stops start-up. */
class RouteRolesTest {
  @Test
  void aRouteLeftOutOfTheTableIsCaughtAtStartUp() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.get("/api/v1/listed/:id").handler(ctx -> { });
      router.post("/api/v1/forgotten").handler(ctx -> { });
      RouteRoles roles = new RouteRoles(List.of(new RouteRoles.Rule(HttpMethod.GET, "/api/v1/listed/:id", Role.USER),
          new RouteRoles.Rule(HttpMethod.DELETE, "/api/v1/gone", Role.ADMIN)));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> roles.check(router));
      assertEquals("the route table (web/RouteRoles) and the mounted routes differ: not in the table: "
          + "[POST /api/v1/forgotten] not mounted: [DELETE /api/v1/gone]", e.getMessage());
    } finally {
      vertx.close();
    }
  }

  @Test
  void operatorsMayDoWhatAdminsMayAndAdminsWhatUsersMay() {
    assertEquals(true, RouteRoles.allows(Role.USER, Role.USER));
    assertEquals(false, RouteRoles.allows(Role.ADMIN, Role.USER));
    assertEquals(true, RouteRoles.allows(Role.ADMIN, Role.OPERATOR));
    assertEquals(false, RouteRoles.allows(Role.OPERATOR, Role.ADMIN));
  }
}
