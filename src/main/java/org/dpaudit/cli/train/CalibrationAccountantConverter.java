package org.dpaudit.cli.train;

import java.util.Locale;
import org.dpaudit.core.accounting.AccountantKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code rdp} / {@code pld}: the accountants a target epsilon can be solved with. */
public final class CalibrationAccountantConverter implements ITypeConverter<AccountantKind> {
  @Override
  public AccountantKind convert(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "rdp" -> AccountantKind.RDP;
      case "pld" -> AccountantKind.PLD;
      default -> throw new TypeConversionException("expected rdp or pld; got '" + value + "'");
    };
  }
}
