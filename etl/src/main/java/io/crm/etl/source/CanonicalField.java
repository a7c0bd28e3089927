package io.crm.etl.source;

import java.io.Serializable;

/** One field of a source kind's bronze table: its canonical name and type. */
public record CanonicalField(String name, FieldType type) implements Serializable {}
