package io.herald.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV format and formula guard of every export. */
class CsvTest {
  @Test
  void cellsThatStartAFormulaGetAnApostrophe() {
    assertEquals("'=1+2", Csv.safe("=1+2"));
    assertEquals("'+cmd", Csv.safe("+cmd"));
    assertEquals("'-5", Csv.safe("-5"));
    assertEquals("'@SUM(A1)", Csv.safe("@SUM(A1)"));
    assertEquals("'\tx", Csv.safe("\tx"));
    assertEquals("'\rx", Csv.safe("\rx"));
    assertEquals("'\nx", Csv.safe("\nx"));
    assertEquals("+447911123456", Csv.safe("+447911123456"), "a phone number keeps its +");
    assertEquals("'+44 7911 123456", Csv.safe("+44 7911 123456"));
    assertEquals("plain", Csv.safe("plain"));
    assertEquals("", Csv.safe(null));
  }

  @Test
  void aFormulaBehindSpacesOrInFullWidthIsCaughtToo() {
    assertEquals("'  =1+1", Csv.safe("  =1+1"));
    assertEquals("'\u00A0=1+1", Csv.safe("\u00A0=1+1"), "no-break space");
    assertEquals("'\u3000\u2003=1+1", Csv.safe("\u3000\u2003=1+1"), "ideographic and em spaces");
    assertEquals("'\uFF1D1+1", Csv.safe("\uFF1D1+1"), "full-width =");
    assertEquals("'\uFF0Bcmd", Csv.safe("\uFF0Bcmd"));
    assertEquals("'\uFF20SUM(A1)", Csv.safe("\uFF20SUM(A1)"));
    assertEquals("'\uFF0D5", Csv.safe("\uFF0D5"));
    assertEquals("' +12025550143", Csv.safe(" +12025550143"), "only a bare number is spared");
    assertEquals("   ", Csv.safe("   "));
    assertEquals("a=b", Csv.safe("a=b"));
  }

  @Test
  void everyTextCellIsQuotedSoNoSeparatorInsideSplitsIt() {
    assertEquals("\"x;=1+1\",\"a,b\",\"say \"\"hi\"\"\",\"'=2+2\",12,,\"\"\r\n",
        Csv.line(Arrays.asList("x;=1+1", "a,b", "say \"hi\"", "=2+2", 12, null, "")));
    assertEquals("\"line\nbreak\",\"+12025550143\"\r\n", Csv.line(List.of("line\nbreak", "+12025550143")));
  }
}
