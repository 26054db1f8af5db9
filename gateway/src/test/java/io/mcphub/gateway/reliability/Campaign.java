package io.mcphub.gateway.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reliability campaign's figures. Each scenario of the reliability suite runs a bounded number of
 * attempts — {@link #scaled(int)} of its base count, so {@code scripts/reliability-campaign.sh} can run the
 * same tests larger — and records what it tried, how many attempts failed and how many were lost or
 * misrouted. The script prints the table from {@code target/reliability-campaign.tsv}.
 */
public final class Campaign {

  /** Where each scenario's figures are appended (one tab-separated line each). */
  public static final Path FIGURES = Path.of("target", "reliability-campaign.tsv");

  private Campaign() {
  }

  /** The count a scenario runs: its base count times {@code -Dcampaign.scale} (1 in the ordinary test run). */
  public static int scaled(int base) {
    int scale = Integer.getInteger("campaign.scale", 1);
    return Math.max(1, base * Math.max(1, scale));
  }

  /**
   * Records one scenario's outcome.
   *
   * @param scenario what was done, as the table shows it
   * @param tried attempts made
   * @param failures attempts that did not end as they should (an error where none was due, a hang, a crash)
   * @param lost messages, data or processes lost, leaked or misrouted (orphans, bytes lost, relays to the wrong client)
   */
  public static synchronized void record(String scenario, long tried, long failures, long lost) {
    String line = scenario.replace('\t', ' ') + "\t" + tried + "\t" + failures + "\t" + lost + "\n";
    try {
      Files.createDirectories(FIGURES.getParent());
      Files.writeString(FIGURES, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
