package io.mcphub.gateway.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an RFC 6570 URI template into a pattern that matches the URIs it can expand to. */
final class UriTemplates {

  private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

  private UriTemplates() {
  }

  static Pattern toPattern(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher matcher = EXPRESSION.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start())));
      String operator = matcher.group(1);
      regex.append(operator.isEmpty() ? "[^/?#]*" : ".*");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
