package io.crm.jobs.serve;

import io.crm.jobs.cli.UserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Lets through exactly one query and nothing else, decided by DuckDB's own parser before the text
 * runs: {@code json_serialize_sql} parses without executing and serialises only SELECT-shaped
 * statements (SELECT, WITH ... SELECT, FROM ..., VALUES, set operations, DESCRIBE, SHOW,
 * SUMMARIZE); for COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CREATE, INSERT, EXPLAIN and every other
 * statement it answers with an error. EXPLAIN is refused too, because EXPLAIN ANALYZE executes its
 * statement.
 */
public final class ReadOnlyQuery {
  private ReadOnlyQuery() {}

  /** Throws a one-line {@link UserException} unless {@code sql} is a single query. */
  public static void require(Connection connection, String sql) {
    String check = "SELECT j->>'error', j->>'error_type', j->>'error_message', json_array_length(j->'statements')"
        + " FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)";
    try (PreparedStatement ps = connection.prepareStatement(check)) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        boolean error = Boolean.parseBoolean(rs.getString(1));
        String type = rs.getString(2);
        String message = rs.getString(3);
        long statements = rs.getLong(4);
        if (error && "parser".equals(type)) {
          throw new UserException("query failed: " + oneLine(message));
        }
        if (error) {
          throw new UserException("crm query reads only: " + firstWord(sql) + " is not a query (allowed: SELECT,"
              + " WITH ... SELECT, FROM ..., VALUES, DESCRIBE, SHOW, SUMMARIZE; one statement)");
        }
        if (statements != 1) {
          throw new UserException("crm query runs exactly one query, got " + statements);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the query with DuckDB's parser: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * The keyword of the first statement that is not a query, for the message: DuckDB's parser says
   * only that one was found, not which.
   */
  private static String firstWord(String sql) {
    for (String statement : sql.split(";")) {
      String word = statement.strip().split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
      if (!word.isEmpty() && !word.equals("SELECT") && !word.equals("WITH") && !word.equals("FROM")
          && !word.equals("VALUES") && !word.equals("DESCRIBE") && !word.equals("SHOW") && !word.equals("SUMMARIZE")) {
        return word;
      }
    }
    return "the statement";
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
