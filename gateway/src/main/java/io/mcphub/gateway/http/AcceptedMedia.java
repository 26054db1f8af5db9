package io.mcphub.gateway.http;

import java.util.Locale;

/** What a client's {@code Accept} header allows: JSON, an event stream, or both. */
record AcceptedMedia(boolean json, boolean eventStream) {

  static AcceptedMedia of(String accept) {
    if (accept == null || accept.isBlank()) {
      return new AcceptedMedia(true, true);
    }
    boolean json = false;
    boolean events = false;
    for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
      String type = part.split(";", 2)[0].strip();
      json |= type.equals(McpHeaders.JSON) || type.equals("application/*") || type.equals("*/*");
      events |= type.equals(McpHeaders.EVENT_STREAM) || type.equals("text/*") || type.equals("*/*");
    }
    return new AcceptedMedia(json, events);
  }

  boolean onlyEventStream() {
    return eventStream && !json;
  }
}
