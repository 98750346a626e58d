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
      return CanaryKind.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected mislabeled or random-input; got '" + value + "'");
    }
  }
}
