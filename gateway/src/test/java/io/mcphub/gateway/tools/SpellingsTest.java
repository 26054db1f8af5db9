package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingsTest {

  private final Spellings spellings = Spellings.of(List.of("weather", "calendar", "check", "open", "opened", "whether", "cat"));

  @Test
  void findsWordsOneEditAway() {
    assertThat(spellings.corrections("wether", 3)).containsExactly("weather", "whether");
    assertThat(spellings.corrections("chek", 3)).containsExactly("check");
    assertThat(spellings.corrections("opne", 3)).as("a transposition").containsExactly("open");
    assertThat(spellings.corrections("calandar", 3)).as("a substitution").containsExactly("calendar");
  }

  @Test
  void findsNothingFurtherOrWithAnotherFirstLetterOrTooShort() {
    assertThat(spellings.corrections("calender", 3)).as("one substitution").containsExactly("calendar");
    assertThat(spellings.corrections("kalendar", 3)).as("the first letter must agree").isEmpty();
    assertThat(spellings.corrections("cta", 3)).as("short words are not corrected").isEmpty();
    assertThat(spellings.corrections("weathers", 1)).containsExactly("weather");
    assertThat(spellings.corrections("open", 3)).as("a known word is not its own correction; opened is two edits away").isEmpty();
  }

  @Test
  void oneEditApartIsExact() {
    assertThat(Spellings.oneEditApart("abcd", "abdc")).isTrue();
    assertThat(Spellings.oneEditApart("abcd", "abce")).isTrue();
    assertThat(Spellings.oneEditApart("abcd", "abcde")).isTrue();
    assertThat(Spellings.oneEditApart("abcd", "badc")).isFalse();
    assertThat(Spellings.oneEditApart("abcd", "abcd")).isFalse();
    assertThat(Spellings.oneEditApart("abcd", "ab")).isFalse();
  }
}
