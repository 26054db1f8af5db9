package io.mcphub.gateway.tools;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
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
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

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
  /** Enough to hold a few thousand tools in one segment (the index is written once, never merged). */
  private static final double RAM_BUFFER_MB = 64;
  private static final Analyzer ANALYZER = analyzer();
  private static final ToolSearch EMPTY = new ToolSearch(null, List.of());

  private final IndexSearcher searcher;
  /** Tool names by document id: the index is one segment whose documents are the tools in order. */
  private final List<String> names;

  private ToolSearch(IndexSearcher searcher, List<String> names) {
    this.searcher = searcher;
    this.names = names;
  }

  static ToolSearch empty() {
    return EMPTY;
  }

  /** Indexes {@code tools} (blocking: call it off the event loop). */
  static ToolSearch build(List<IndexedTool> tools) {
    if (tools.isEmpty()) {
      return EMPTY;
    }
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
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

  /**
   * The tools that share words with {@code query}, best first, at most {@code limit}. A tool that shares a single word
   * with the query keeps {@link #SINGLE_WORD_FACTOR} of the confidence its score would give.
   */
  List<ToolMatch> search(String query, int limit) {
    if (searcher == null || limit <= 0) {
      return List.of();
    }
    try {
      List<Query> terms = new ArrayList<>();
      for (String word : queryWords(query)) {
        Query term = termQuery(word);
        if (term != null) {
          terms.add(term);
        }
        if (terms.size() == MAX_QUERY_TERMS) {
          break;
        }
      }
      if (terms.isEmpty()) {
        return List.of();
      }
      Set<Integer> corroborated = new HashSet<>();
      for (ScoreDoc hit : searcher.search(anyOf(terms, 2), limit).scoreDocs) {
        corroborated.add(hit.doc);
      }
      List<ToolMatch> matches = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(anyOf(terms, 1), limit).scoreDocs) {
        String name = names.get(hit.doc);
        double confidence = confidence(hit.score) * (corroborated.contains(hit.doc) ? 1 : SINGLE_WORD_FACTOR);
        matches.add(new ToolMatch(name, hit.score, confidence));
      }
      return matches;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps a BM25 score into [0, 1): half confidence at {@link #HALF_CONFIDENCE_SCORE}, rising slowly beyond it. */
  static double confidence(double score) {
    return score <= 0 ? 0 : score / (score + HALF_CONFIDENCE_SCORE);
  }

  private static Query anyOf(List<Query> terms, int atLeast) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(atLeast);
    terms.forEach(term -> builder.add(term, BooleanClause.Occur.SHOULD));
    return builder.build();
  }

  /** One query word looked up in every field, scores added; null when no tool has the word. */
  private Query termQuery(String word) throws IOException {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean known = false;
    for (Map.Entry<String, Float> field : WEIGHTS.entrySet()) {
      Term term = new Term(field.getKey(), word);
      if (searcher.getIndexReader().docFreq(term) > 0) {
        builder.add(new BoostQuery(new TermQuery(term), field.getValue()), BooleanClause.Occur.SHOULD);
        known = true;
      }
    }
    return known ? builder.build() : null;
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

  /** English words, lower-cased, accents folded, stop words dropped, Porter-stemmed: the same for tools and queries. */
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new TokenStreamComponents(source, new PorterStemFilter(stream));
      }
    };
  }
}
