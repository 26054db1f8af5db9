package io.mcphub.gateway.tools;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * One immutable Lucene snapshot of the tool catalog, searched with BM25. Each tool is a document with the words of
 * its namespaced name, its title, its description, its parameters' names and descriptions, and its server's name,
 * title and description, each a field with its own weight. A query is the request's words, each looked up in every
 * field; the scores add up. Built off the event loop ({@link ToolIndex}); searching is in-memory and thread-safe.
 */
final class ToolSearch {

  static final String NAME = "name";
  static final String TITLE = "title";
  static final String DESCRIPTION = "description";
  static final String PARAMETERS = "parameters";
  static final String SERVER = "server";
  /** How much a word counts in each field: a tool's own name and title say most about what it does. */
  static final Map<String, Float> WEIGHTS = Map.of(NAME, 2.0f, TITLE, 1.5f, DESCRIPTION, 1.0f, PARAMETERS, 0.4f, SERVER, 1.0f);
  /** Distinct query words looked up (those the catalog does not contain are dropped first); keeps clauses under Lucene's 1,024. */
  static final int MAX_QUERY_TERMS = 150;
  /**
   * The score that maps to confidence 0.5. One distinctive word of a tool's name scores about 8 to 10 (idf × name
   * weight), which maps to about 0.8 when another word of the request matches too.
   */
  static final double HALF_CONFIDENCE_SCORE = 2.0;
  /** What a match on a single word of the request keeps of its confidence: one word ("write", "search") is a weak signal. */
  static final double SINGLE_WORD_FACTOR = 0.5;
  /**
   * A request word no tool has, of at least four letters, is taken as a possible misspelling ("wether", "calender",
   * "chek"): it matches the index's words one edit away (a transposition counts as one, the first letter must agree;
   * {@link Spellings}), at most {@link #TYPO_EXPANSIONS} of them, at {@link #TYPO_WEIGHT} of a real match.
   */
  static final Pattern MISSPELLABLE = Pattern.compile("[a-z]{4,}");
  static final float TYPO_WEIGHT = 0.5f;
  static final int TYPO_EXPANSIONS = 3;
  /**
   * The most clauses searched one by one (the first ones): a request of many steps is still searched as a whole, and
   * a crafted request of thousands of clauses costs no more than one of twelve.
   */
  static final int MAX_CLAUSES = 12;
  /** How many of each clause's best matches join the request's matches. */
  static final int CLAUSE_LIMIT = 5;
  /** A clause's best match scores this share of the whole request's best: each part of a request gets its tools. */
  static final double CLAUSE_SHARE = 0.9;
  /** Enough to hold a few thousand tools in one segment (the index is written once, never merged). */
  private static final double RAM_BUFFER_MB = 64;
  /**
   * Words that say nothing about which tool a request needs: Lucene's English stop words plus the pronouns,
   * auxiliaries and wh-words of requests ("show me my…", "what's…", "can you…"). Without them "me" would single out
   * {@code get_me} in every request that says "me". Prepositions and quantifiers stay: tools use them ("look up",
   * "list all", "insert before").
   */
  static final CharArraySet STOP_WORDS = stopWords();
  private static final Analyzer ANALYZER = analyzer();
  private static final ToolSearch EMPTY = new ToolSearch(null, List.of());

  private final IndexSearcher searcher;
  /** Tool names by document id: the index is one segment whose documents are the tools in order. */
  private final List<String> names;

  /**
   * The index's words by their one-letter deletions, for misspelled request words: built after the index is
   * searchable ({@link #withSpellings()}, on a worker too), empty until then.
   */
  private volatile Spellings spellings = Spellings.of(List.of());

  private ToolSearch(IndexSearcher searcher, List<String> names) {
    this.searcher = searcher;
    this.names = names;
  }

  /** Builds the misspelling table from the index's words (blocking: call it off the event loop). */
  ToolSearch withSpellings() {
    if (searcher != null) {
      try {
        spellings = Spellings.of(vocabulary((DirectoryReader) searcher.getIndexReader()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  static ToolSearch empty() {
    return EMPTY;
  }

  /** Indexes {@code tools} (blocking: call it off the event loop). */
  static ToolSearch build(List<IndexedTool> tools) {
    if (tools.isEmpty()) {
      return EMPTY;
    }
    // one buffer per file: a search seeks many terms, and reading a file kept in pieces allocates for every seek
    ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new,
        ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setSimilarity(new BM25Similarity())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setUseCompoundFile(false).setRAMBufferSizeMB(RAM_BUFFER_MB)
        .setMergePolicy(NoMergePolicy.INSTANCE).setMergeScheduler(new SerialMergeScheduler()).setCommitOnClose(false);
    List<String> names = new ArrayList<>(tools.size());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (IndexedTool tool : tools) {
        writer.addDocument(document(tool));
        names.add(tool.name());
      }
      DirectoryReader reader = DirectoryReader.open(writer);
      if (reader.leaves().size() != 1 || reader.maxDoc() != names.size()) {
        throw new IllegalStateException("the tool index must be one segment with one document per tool");
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      return new ToolSearch(searcher, List.copyOf(names));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return names.size();
  }

  /** Every word of every field, once. */
  private static Set<String> vocabulary(DirectoryReader reader) throws IOException {
    Set<String> words = new HashSet<>();
    for (String field : WEIGHTS.keySet()) {
      Terms terms = reader.leaves().get(0).reader().terms(field);
      if (terms != null) {
        TermsEnum iterator = terms.iterator();
        for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
          words.add(term.utf8ToString());
        }
      }
    }
    return words;
  }

  /**
   * The tools that share words with {@code query}, best first, at most {@code limit}. A tool that shares a single word
   * with the query keeps {@link #SINGLE_WORD_FACTOR} of the confidence its score would give. A request of several
   * clauses ("show me its last 200 log lines and restart it") is also searched clause by clause, each clause's scores
   * scaled so that its best match scores {@link #CLAUSE_SHARE} of the whole request's best: the tools of a minor step
   * are not drowned by the words of the main one.
   */
  List<ToolMatch> search(String query, int limit) {
    if (searcher == null || limit <= 0) {
      return List.of();
    }
    try {
      Lookup lookup = new Lookup();
      List<ToolMatch> whole = searchOne(query, limit, lookup);
      List<String> clauses = ToolText.clauses(query);
      if (whole.isEmpty() || clauses.size() < 2) {
        return whole;
      }
      if (clauses.size() > MAX_CLAUSES) {
        clauses = clauses.subList(0, MAX_CLAUSES);
      }
      double best = whole.get(0).score();
      Map<String, ToolMatch> merged = new java.util.LinkedHashMap<>();
      whole.forEach(match -> merged.put(match.name(), match));
      for (String clause : clauses) {
        List<ToolMatch> found = searchOne(clause, CLAUSE_LIMIT, lookup);
        if (found.isEmpty()) {
          continue;
        }
        double scale = CLAUSE_SHARE * best / found.get(0).score();
        for (ToolMatch match : found) {
          double score = match.score() * scale;
          ToolMatch previous = merged.get(match.name());
          if (previous == null || previous.score() < score) {
            merged.put(match.name(), new ToolMatch(match.name(), score,
                Math.max(previous == null ? 0 : previous.confidence(), match.confidence())));
          }
        }
      }
      List<ToolMatch> all = new ArrayList<>(merged.values());
      all.sort(java.util.Comparator.comparingDouble(ToolMatch::score).reversed().thenComparing(ToolMatch::name));
      return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<ToolMatch> searchOne(String query, int limit, Lookup lookup) throws IOException {
    List<Query> terms = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (String word : queryWords(query)) {
      Query term = lookup.query(word);
      if (term != null) {
        terms.add(term);
        known.add(word);
      }
      if (terms.size() == MAX_QUERY_TERMS) {
        break;
      }
    }
    if (terms.isEmpty()) {
      return List.of();
    }
    ScoreDoc[] hits = searcher.search(anyOf(terms), limit).scoreDocs;
    boolean[] corroborated = terms.size() > 1 ? lookup.corroborated(known, hits) : new boolean[hits.length];
    List<ToolMatch> matches = new ArrayList<>(hits.length);
    for (int i = 0; i < hits.length; i++) {
      ScoreDoc hit = hits[i];
      String name = names.get(hit.doc);
      double confidence = confidence(hit.score) * (corroborated[i] ? 1 : SINGLE_WORD_FACTOR);
      matches.add(new ToolMatch(name, hit.score, confidence));
    }
    return matches;
  }

  /** Maps a BM25 score into [0, 1): half confidence at {@link #HALF_CONFIDENCE_SCORE}, rising slowly beyond it. */
  static double confidence(double score) {
    return score <= 0 ? 0 : score / (score + HALF_CONFIDENCE_SCORE);
  }

  private static Query anyOf(List<Query> terms) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    terms.forEach(term -> builder.add(term, BooleanClause.Occur.SHOULD));
    return builder.build();
  }

  /**
   * The query words of one request, each looked up once in every field (a request and its clauses share words): one
   * terms enumerator per field, positioned with {@code seekExact}, its state handed to the query so that searching
   * does not look the term up again.
   */
  private final class Lookup {
    private final Map<String, Query> queries = new HashMap<>();
    private final Map<String, TermsEnum> fields = new HashMap<>();
    /** Each known word's terms (field and word, or a correction of it), as its query holds them. */
    private final Map<String, List<FoundTerm>> termsOfWord = new HashMap<>();
    /** One postings enumerator per field, reused for every term read from it. */
    private final Map<String, PostingsEnum> postingsOfField = new HashMap<>();

    /** The word looked up in every field, scores added; null when no tool has the word. */
    Query query(String word) throws IOException {
      if (queries.containsKey(word)) {
        return queries.get(word);
      }
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      List<FoundTerm> found = new ArrayList<>();
      boolean known = addTerms(builder, word, 1, found);
      if (!known && MISSPELLABLE.matcher(word).matches()) {
        for (String correction : spellings.corrections(word, TYPO_EXPANSIONS)) {
          known |= addTerms(builder, correction, TYPO_WEIGHT, found);
        }
      }
      Query query = known ? builder.build() : null;
      queries.put(word, query);
      termsOfWord.put(word, found);
      return query;
    }

    /**
     * The hits that match at least two of {@code words} (each a word whose query matched something): a match on one
     * word alone is a weak signal. Read from the words' postings, once per word, instead of a second search with a
     * minimum of two matching words, which cost as much as the search itself.
     */
    boolean[] corroborated(List<String> words, ScoreDoc[] hits) throws IOException {
      LeafReader leaf = searcher.getIndexReader().leaves().get(0).reader();
      // plain arrays indexed by document and by hit: a common word's postings cover most of the catalog, and boxed
      // document numbers in hash maps were the largest allocation of an analysis
      int[] hitOf = new int[leaf.maxDoc()];
      Arrays.fill(hitOf, -1);
      for (int i = 0; i < hits.length; i++) {
        hitOf[hits[i].doc] = i;
      }
      int[] wordsMatched = new int[hits.length];
      int[] lastWord = new int[hits.length];
      Arrays.fill(lastWord, -1);
      boolean[] corroborated = new boolean[hits.length];
      for (int w = 0; w < words.size(); w++) {
        for (FoundTerm found : termsOfWord.getOrDefault(words.get(w), List.of())) {
          // positioned from the state the lookup kept: no second seek through the terms dictionary
          TermsEnum terms = terms(found.term().field());
          terms.seekExact(found.term().bytes(), found.state());
          PostingsEnum postings = terms.postings(postingsOfField.get(found.term().field()), PostingsEnum.NONE);
          postingsOfField.put(found.term().field(), postings);
          for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            int hit = hitOf[doc];
            if (hit >= 0 && lastWord[hit] != w) {
              lastWord[hit] = w;
              corroborated[hit] |= ++wordsMatched[hit] >= 2;
            }
          }
        }
      }
      return corroborated;
    }

    /** Adds {@code word} in every field that has it, at {@code weight} of the field's weight; false when none has it. */
    private boolean addTerms(BooleanQuery.Builder builder, String word, float weight, List<FoundTerm> found) throws IOException {
      boolean known = false;
      BytesRef bytes = new BytesRef(word);
      for (Map.Entry<String, Float> field : WEIGHTS.entrySet()) {
        TermsEnum terms = terms(field.getKey());
        if (terms != null && terms.seekExact(bytes)) {
          TermState state = terms.termState();
          TermStates states = new TermStates(searcher.getTopReaderContext(), state, 0, terms.docFreq(), terms.totalTermFreq());
          Term term = new Term(field.getKey(), word);
          builder.add(new BoostQuery(new TermQuery(term, states), field.getValue() * weight), BooleanClause.Occur.SHOULD);
          found.add(new FoundTerm(term, state));
          known = true;
        }
      }
      return known;
    }

    private TermsEnum terms(String field) throws IOException {
      if (!fields.containsKey(field)) {
        Terms terms = searcher.getIndexReader().leaves().get(0).reader().terms(field);
        fields.put(field, terms == null ? null : terms.iterator());
      }
      return fields.get(field);
    }
  }

  /** A term a request's word was found as, and where the terms dictionary has it. */
  private record FoundTerm(Term term, TermState state) {
  }

  private static Set<String> queryWords(String query) throws IOException {
    Set<String> words = new LinkedHashSet<>();
    try (TokenStream stream = ANALYZER.tokenStream(DESCRIPTION, ToolText.words(query))) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        words.add(term.toString());
      }
      stream.end();
    }
    return words;
  }

  private static Document document(IndexedTool tool) {
    Document document = new Document();
    document.add(new TextField(NAME, ToolText.field(tool.name()), Field.Store.NO));
    document.add(new TextField(TITLE, ToolText.field(text(tool.definition().getValue("title"))), Field.Store.NO));
    document.add(new TextField(DESCRIPTION, ToolText.field(text(tool.definition().getValue("description"))), Field.Store.NO));
    Object schema = tool.definition().getValue("inputSchema");
    document.add(new TextField(PARAMETERS, schema instanceof JsonObject s ? ToolText.parameters(s) : "", Field.Store.NO));
    document.add(new TextField(SERVER, ToolText.field(tool.server() + " " + tool.serverText()), Field.Store.NO));
    return document;
  }

  /** An upstream's field as text: anything but a string (a malformed definition) reads as nothing. */
  private static String text(Object value) {
    return value instanceof String text ? text : "";
  }

  private static CharArraySet stopWords() {
    CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    words.addAll(List.of("i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "he",
        "him", "his", "she", "her", "hers", "its", "them", "theirs", "what", "which", "who", "whom", "whose", "those", "am", "been",
        "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would", "should", "could", "can", "will", "shall",
        "may", "might", "must", "please", "pls", "plz", "hey", "hi", "thanks", "thank", "just", "u", "ur", "im", "ive", "id",
        "ll", "re", "ve", "d", "m", "s", "t", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "can't", "won"));
    return CharArraySet.unmodifiableSet(words);
  }

  /** English words, lower-cased, accents folded, stop words dropped, Porter-stemmed: the same for tools and queries. */
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        return new TokenStreamComponents(source, new PorterStemFilter(stream));
      }
    };
  }
}
