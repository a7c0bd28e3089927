package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledCsvReaderTest {

  @TempDir Path dir;

  private Path csv(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static LabelledCsvReader reader() {
    return new LabelledCsvReader(LabelledCsvReader.Options.defaults());
  }

  /** Telco-shaped sample: a blank-as-space number, Yes/No label, id column. */
  private Path telcoLike() throws IOException {
    return csv(
        "telco.csv",
        """
        customerID,tenure,Contract,TotalCharges,Churn
        A-1,1,Month-to-month,29.85,Yes
        A-2,34,One year,1889.5,No
        A-3,0,Two year, ,No
        A-4,2,Month-to-month,108.15,Yes
        """);
  }

  @Test
  void blankCellsBecomeMissingNumbersAndTheIdIsNoFeature() throws IOException {
    LabelledData data = reader().read(telcoLike(), "Churn", "customerID");
    assertEquals(List.of("tenure", "Contract", "TotalCharges"), data.features().names());
    assertEquals(List.of("tenure", "TotalCharges"), data.numericColumns());
    assertEquals(List.of("Contract"), data.categoricalColumns());
    assertEquals(Map.of("TotalCharges", 1), data.blankCells());
    FeatureColumn.Numeric total = (FeatureColumn.Numeric) data.features().columns().get(2);
    assertTrue(Double.isNaN(total.values()[2]));
    assertEquals(1889.5, total.values()[1]);
    assertArrayEquals(new int[] {1, 0, 0, 1}, data.labels());
    assertEquals("Yes", data.positiveValue());
    assertEquals(List.of("A-1", "A-2", "A-3", "A-4"), data.ids());
  }

  @Test
  void blankCellsSurviveEncodingAsImputedValuesWithAFlag() throws IOException {
    LabelledData data = reader().read(telcoLike(), "Churn", "customerID");
    FeatureEncoding enc = new FeatureEncoder().fit(data.features(), new int[] {0, 1, 2, 3});
    double[] row = enc.encode(data.features(), new int[] {2})[0];
    int at = enc.outputNames().indexOf("TotalCharges");
    assertEquals(108.15, row[at], 1e-9, "median of 29.85, 1889.5, 108.15");
    assertEquals(1.0, row[enc.outputNames().indexOf("TotalCharges=missing")]);
  }

  @Test
  void aLabelWithMoreThanTwoValuesIsAnErrorListingThem() throws IOException {
    Path file = csv("three.csv", "id,x,status\n1,5,active\n2,6,churned\n3,7,paused\n4,8,active\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader().read(file, "status", "id"));
    assertEquals(
        "label column 'status' must hold exactly 2 distinct values, found 3: [active, churned, paused]",
        e.getMessage());
  }

  @Test
  void aLabelWithOneValueIsAnError() throws IOException {
    Path file = csv("one.csv", "id,x,y\n1,5,no\n2,6,No\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader().read(file, "y", "id"));
    assertTrue(e.getMessage().contains("found 1: [no]"), e.getMessage());
  }

  @Test
  void commonLabelSpellingsAreRecognised() throws IOException {
    assertArrayEquals(new int[] {0, 1, 1}, reader().read(csv("a.csv", "id,x,y\n1,1,False\n2,2,TRUE\n3,3,true\n"), "y", "id").labels());
    assertArrayEquals(new int[] {1, 0}, reader().read(csv("b.csv", "id,x,y\n1,1,1\n2,2,0\n"), "y", "id").labels());
    assertArrayEquals(new int[] {0, 1}, reader().read(csv("c.csv", "id,x,y\n1,1,retained\n2,2,gone\n"), "y", "id").labels());
    assertArrayEquals(new int[] {1, 0}, reader().read(csv("d.csv", "id,x,y\n1,1,churned\n2,2,renewed\n"), "y", "id").labels());
  }

  @Test
  void unknownLabelWordsNeedThePositiveValue() throws IOException {
    Path file = csv("e.csv", "id,x,y\n1,1,red\n2,2,blue\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader().read(file, "y", "id"));
    assertTrue(e.getMessage().contains("--positive"), e.getMessage());
    LabelledCsvReader named =
        new LabelledCsvReader(new LabelledCsvReader.Options(null, StandardCharsets.UTF_8, '.', "Blue"));
    assertArrayEquals(new int[] {0, 1}, named.read(file, "y", "id").labels());
  }

  @Test
  void semicolonFilesWithDecimalCommaAndBomAreRead() throws IOException {
    Path file = csv("de.csv", "\uFEFFKunde;Umsatz;Region;Abwanderung\n1;1.234,50;Nord;ja\n2;99,5;Süd;nein\n");
    LabelledData data =
        new LabelledCsvReader(new LabelledCsvReader.Options(null, StandardCharsets.UTF_8, ',', null))
            .read(file, "Abwanderung", "Kunde");
    assertEquals(List.of("Umsatz", "Region"), data.features().names());
    assertArrayEquals(new double[] {1234.5, 99.5}, ((FeatureColumn.Numeric) data.features().columns().get(0)).values(), 1e-9);
    assertArrayEquals(new int[] {1, 0}, data.labels());
  }

  @Test
  void rowsWithoutALabelOrWithTheWrongFieldCountAreSetAsideAndCounted() throws IOException {
    Path file = csv("bad.csv", "id,x,y\n1,1,yes\n2,2,\n3,3\n4,4,no\n5,5,no,extra\n");
    LabelledData data = reader().read(file, "y", "id");
    assertEquals(5, data.rowsRead());
    assertEquals(2, data.rows());
    assertEquals(Map.of("blank_label", 1, "wrong_field_count", 2), data.skipped());
  }

  @Test
  void aMissingColumnIsNamedWithTheHeader() throws IOException {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader().read(telcoLike(), "churn", "customerID"));
    assertTrue(e.getMessage().startsWith("label column 'churn' is not in the header"), e.getMessage());
    assertTrue(e.getMessage().contains("[customerID, tenure, Contract, TotalCharges, Churn]"), e.getMessage());
  }

  @Test
  void numberLikeWordsKeepAColumnCategorical() throws IOException {
    LabelledData data = reader().read(csv("n.csv", "id,code,y\n1,12,yes\n2,NaN,no\n3,7,no\n"), "y", "id");
    assertEquals(List.of("code"), data.categoricalColumns());
  }
}
