package org.dpaudit.trainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.optim.LrSchedule;
import org.junit.jupiter.api.Test;

/** What the benchmark states about its recipe, and that its JSON names the split an accuracy is from. */
class TimeToAccuracyTest {
  private static TimeToAccuracy.Settings settings(LrSchedule schedule, boolean validation) {
    return new TimeToAccuracy.Settings(15, 2, AccountantKind.RDP, "mnist", schedule, 0.5, 0, 1.0, null, validation, 1L,
        Path.of("out"), DeviceChoice.CPU);
  }

  @Test
  void aScheduleOtherThanConstant_isADifferenceFromOpacus_andInTheCommand() {
    assertEquals(List.of(), TimeToAccuracy.differencesFromOpacus(settings(LrSchedule.CONSTANT, false)));
    TimeToAccuracy.Settings step = settings(LrSchedule.parse("step:0.8:0.1"), false);
    List<String> d = TimeToAccuracy.differencesFromOpacus(step);
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).contains("multiplied by 0.1 after 80% of the steps") && d.get(0).contains("Opacus: constant"),
        d.get(0));
    assertTrue(TimeToAccuracy.command(step).contains(" --lr-schedule step:0.8:0.1 "), TimeToAccuracy.command(step));
    assertFalse(TimeToAccuracy.command(settings(LrSchedule.CONSTANT, false)).contains("--lr-schedule"));
  }

  @Test
  void validationAccuracy_isNotWrittenAsTestAccuracy() {
    String v = Json.write(new TimeToAccuracy.EpochPoint(3, null, 0.97, 40));
    assertTrue(v.contains("\"validationAccuracy\" : 0.97"), v);
    assertFalse(v.contains("testAccuracy"), v);
    String t = Json.write(TimeToAccuracy.EpochPoint.test(3, 0.98, 40));
    assertTrue(t.contains("\"testAccuracy\" : 0.98"), t);
    assertFalse(t.contains("validationAccuracy") || t.contains("\"accuracy\""), t);
    assertEquals(0.97, new TimeToAccuracy.EpochPoint(3, null, 0.97, 40).accuracy(), 0);
    assertThrows(IllegalArgumentException.class, () -> new TimeToAccuracy.EpochPoint(3, 0.9, 0.9, 40));
    assertThrows(IllegalArgumentException.class, () -> new TimeToAccuracy.EpochPoint(3, null, null, 40));
  }
}
