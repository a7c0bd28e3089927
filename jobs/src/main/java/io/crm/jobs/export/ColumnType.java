package io.crm.jobs.export;

/** How a column's values are written: decides decimals, date layout and the xlsx cell type. */
public enum ColumnType {
  TEXT,
  /** Whole numbers. */
  INTEGER,
  /** Amounts in the shop currency, two decimals. */
  MONEY,
  /** Probabilities, shares and lifts, four decimals. */
  RATIO,
  DATE
}
