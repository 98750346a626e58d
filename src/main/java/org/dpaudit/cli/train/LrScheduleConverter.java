package org.dpaudit.cli.train;

import org.dpaudit.trainers.optim.LrSchedule;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --lr-schedule}: {@code constant}, {@code cosine}, {@code linear} or {@code step:F:M} ({@link LrSchedule#parse}). */
public final class LrScheduleConverter implements ITypeConverter<LrSchedule> {
  @Override
  public LrSchedule convert(String value) {
    try {
      return LrSchedule.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
