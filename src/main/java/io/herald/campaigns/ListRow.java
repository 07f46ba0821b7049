package io.herald.campaigns;

import java.util.List;
import java.util.Map;

/** One recipient of a list as read: its row number, E.164 number, zone, name and the values for the answer. */
record ListRow(long row, String to, String timeZone, String name, Map<String, String> vars, List<String> cells) {}
