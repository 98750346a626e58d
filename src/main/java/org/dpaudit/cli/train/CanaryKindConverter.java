package org.dpaudit.cli.train;

import java.util.Locale;
import org.dpaudit.datasets.canary.CanaryKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code mislabeled} / {@code random-input}. */
public final class CanaryKindConverter implements ITypeConverter<CanaryKind> {
  @Override
  public CanaryKind convert(String value) {
    try {
      String v = value.toLowerCase(Locale.ROOT);
      if (v.equals("dirac") || v.equals("white-box")) {
        return CanaryKind.GRADIENT;
      }
      return CanaryKind.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected gradient (white-box; also dirac), mislabeled or random-input; got '" + value + "'");
    }
  }
}
