package io.herald.contacts;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A row of an import that passed its checks: the contact's phone and e-mail (either may be null),
 * default field values by contacts column, and custom field values by key.
 */
record ImportRow(int line, List<String> cells, String phone, String email, Map<String, String> columns,
                 JsonObject fields) {}
