package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rule-based categories need real evidence: name words over description words, whole words, generic words never alone. */
class ToolCategoryRulesTest {

  private static String category(String name, String description) {
    ToolCategoryRules.Verdict verdict = ToolCategoryRules.categorize(name, description);
    return verdict == null ? null : verdict.category();
  }

  @Test
  void theIssuesExamplesAreNotFiledByAnIncidentalWord() {
    assertThat(category("generate_word_cloud_chart",
        "Generate a word cloud chart to show word frequency or weight in a text, e.g. the most common words of a speech."))
        .as("a word-cloud chart tool is not cloud").isNull();
    assertThat(category("add_picture", "Add an image (picture) to a Word document at the end, with an optional width."))
        .as("a document tool that inserts an image is not docker").isNull();
    assertThat(category("maps_geocode", "Convert an address or a postal code into geographic coordinates."))
        .as("a geocoder that mentions a postal code is not development").isNull();
  }

  @Test
  void aSpecificWordOfTheNameDecidesAndSaysSo() {
    ToolCategoryRules.Verdict verdict = ToolCategoryRules.categorize("list_pods", "Lists the pods of a namespace");
    assertThat(verdict.category()).isEqualTo("docker");
    assertThat(verdict.words()).containsExactly("pods", "namespace");
    assertThat(category("read_text_file", "Reads a file")).isEqualTo("filesystem");
    assertThat(category("git_commit", "Records changes")).isEqualTo("version-control");
    assertThat(category("slack_post_message", "Posts a message")).isEqualTo("communication");
  }

  @Test
  void nameWordsWeighMoreThanDescriptionWords() {
    assertThat(category("query_table", "Runs SQL against the database; the result may mention a file or a URL"))
        .isEqualTo("database");
    assertThat(category("download_url", "Downloads a page; you can save it to a file afterwards")).isEqualTo("web");
    assertThat(category("frobnicate", "Talks to the docker daemon")).as("one specific word in a description is not enough").isNull();
    assertThat(category("frobnicate", "Lists docker containers and kubernetes pods")).as("three specific description words are")
        .isEqualTo("docker");
  }

  @Test
  void genericWordsNeverDecideAlone() {
    for (String name : new String[] {"search", "run", "get_list", "format_page", "send_message", "image", "test", "code"}) {
      assertThat(category(name, "")).as(name).isNull();
    }
    assertThat(ToolCategoryRules.isGeneric("cloud")).isTrue();
    assertThat(ToolCategoryRules.isGeneric("docker")).isFalse();
  }

  @Test
  void wordsMatchWhole() {
    assertThat(category("profile_reader", "Reads a user profile")).as("profile is no file").isNull();
    assertThat(category("dbase_tool", "Handles dbase")).as("dbase is no db").isNull();
    assertThat(category("get_gitignore", "Returns patterns")).as("gitignore is no git").isNull();
  }

  @Test
  void aCloseCallIsNotDecided() {
    assertThat(category("upload_file_to_bucket", "Uploads a local file to an S3 bucket")).as("file vs s3 bucket").isNull();
  }

  @Test
  void theServersWordsTipWeakEvidenceButNeverDecideAlone() {
    assertThat(ToolCategoryRules.categorize("query", "Runs a read-only query", "postgres", "PostgreSQL: read-only SQL access"))
        .extracting(ToolCategoryRules.Verdict::category).isEqualTo("database");
    assertThat(ToolCategoryRules.categorize("frobnicate", "Does the thing", "postgres", "PostgreSQL: read-only SQL access"))
        .isNull();
  }
}
