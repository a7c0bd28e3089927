package io.crm.generator;

import java.util.EnumSet;
import java.util.Set;

/**
 * The landing sources the generator writes, with the kinds of dirty rows each can carry. Access
 * logs get no injected exact copies: a log line has no id, and real logs hold identical lines
 * that are separate hits (the Elastic sample has 17), so ingest rightly loads them.
 */
public enum Source {
  TRANSACTIONS("transactions", true, EnumSet.allOf(DirtKind.class)),
  WEB_LOGS("web_logs", true, EnumSet.of(DirtKind.MALFORMED, DirtKind.BAD_DATE, DirtKind.BAD_NUMBER)),
  WEB_EVENTS("web_events", true, EnumSet.of(DirtKind.MALFORMED, DirtKind.BAD_DATE, DirtKind.MISSING_KEY, DirtKind.DUPLICATE)),
  CONTACTS("contacts", false, EnumSet.of(DirtKind.MALFORMED, DirtKind.BAD_DATE, DirtKind.MISSING_KEY, DirtKind.DUPLICATE)),
  CONTACTS_DE("contacts_de", false, EnumSet.of(DirtKind.MALFORMED, DirtKind.BAD_DATE, DirtKind.MISSING_KEY, DirtKind.DUPLICATE)),
  SURVEYS("surveys", false, EnumSet.allOf(DirtKind.class));

  private final String key;
  private final boolean monthly;
  private final DirtKind[] kinds;

  Source(String key, boolean monthly, Set<DirtKind> kinds) {
    this.key = key;
    this.monthly = monthly;
    this.kinds = kinds.toArray(new DirtKind[0]);
  }

  /** The source name in crm.yaml and the folder under landing/. */
  public String key() {
    return key;
  }

  /** Monthly sources get one gzip file per calendar month; the others one plain file. */
  public boolean monthly() {
    return monthly;
  }

  /** The dirty-row kinds this source can carry (a log line has no "missing key", a contact no number). */
  public DirtKind[] kinds() {
    return kinds.clone();
  }

  DirtKind kind(int i) {
    return kinds[i];
  }

  int kindCount() {
    return kinds.length;
  }
}
