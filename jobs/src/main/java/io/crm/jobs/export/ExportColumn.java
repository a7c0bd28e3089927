package io.crm.jobs.export;

/** One column an export can have: its name (also the header and the `--columns` key). */
public record ExportColumn(String name, ColumnType type, String description) {}
