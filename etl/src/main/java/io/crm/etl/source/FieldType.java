package io.crm.etl.source;

/** The bronze type of a canonical field; decides how its text is converted and checked. */
public enum FieldType {
  STRING,
  /** An instant, stored as a UTC timestamp. */
  TIMESTAMP,
  /** Money, stored as decimal(18,4). */
  DECIMAL,
  INT,
  LONG,
  BOOLEAN
}
