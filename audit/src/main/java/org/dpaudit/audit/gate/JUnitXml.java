package org.dpaudit.audit.gate;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.artifact.gate.RuleStatus;
import org.dpaudit.core.io.AtomicFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The gate as a JUnit XML report, the test-result format CI systems display (Jenkins, GitLab,
 * GitHub Actions reporters): one {@code <testcase>} per rule, a {@code <failure>} for a violated
 * rule, {@code <skipped>} for a rule not evaluated.
 *
 * <pre>
 * &lt;testsuites name="dpaudit gate" tests="4" failures="1" errors="0" skipped="1"&gt;
 *   &lt;testsuite name="dpaudit gate: dp2" tests="4" failures="1" errors="0" skipped="1" time="0"&gt;
 *     &lt;testcase classname="dpaudit.gate.dp2" name="empirical epsilon &amp;lt;= 1" time="0"&gt;
 *       &lt;failure type="PolicyViolation" message="..."&gt;...&lt;/failure&gt;
 *     &lt;/testcase&gt; ...
 * </pre>
 *
 * Built with the JDK's DOM and serialised by its transformer, so every rule name, run name and
 * message is escaped.
 */
public final class JUnitXml {
  private JUnitXml() {}

  /** The report of {@code gate} as XML text. */
  public static String toXml(GateRecord gate) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element suites = doc.createElement("testsuites");
      doc.appendChild(suites);
      counts(suites, gate);
      suites.setAttribute("name", "dpaudit gate");
      Element suite = doc.createElement("testsuite");
      suites.appendChild(suite);
      suite.setAttribute("name", "dpaudit gate: " + xmlSafe(gate.run()));
      counts(suite, gate);
      suite.setAttribute("time", "0");
      for (RuleResult r : gate.rules()) {
        suite.appendChild(testcase(doc, gate.run(), r));
      }
      return serialise(doc);
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("the JDK's XML support failed: " + e.getMessage(), e);
    }
  }

  /** Writes the report to {@code file}, atomically. */
  public static void write(GateRecord gate, Path file) {
    AtomicFiles.writeString(file, toXml(gate));
  }

  private static void counts(Element e, GateRecord gate) {
    e.setAttribute("tests", Integer.toString(gate.rules().size()));
    e.setAttribute("failures", Integer.toString(gate.failed()));
    e.setAttribute("errors", "0");
    e.setAttribute("skipped", Integer.toString(gate.skipped()));
  }

  private static Element testcase(Document doc, String run, RuleResult r) {
    Element c = doc.createElement("testcase");
    c.setAttribute("classname", "dpaudit.gate." + run.replaceAll("[^A-Za-z0-9_-]", "_"));
    c.setAttribute("name", xmlSafe(r.name()));
    c.setAttribute("time", "0");
    if (r.status() == RuleStatus.FAIL) {
      Element f = doc.createElement("failure");
      f.setAttribute("type", "PolicyViolation");
      f.setAttribute("message", xmlSafe(r.name() + ": found " + r.detail()));
      f.setTextContent(xmlSafe(String.format(Locale.ROOT, "rule: %s%nfound: %s%n", r.name(), r.detail())));
      c.appendChild(f);
    } else if (r.status() == RuleStatus.SKIP) {
      Element s = doc.createElement("skipped");
      s.setAttribute("message", xmlSafe(r.detail()));
      c.appendChild(s);
    } else {
      Element out = doc.createElement("system-out");
      out.setTextContent(xmlSafe(r.detail()));
      c.appendChild(out);
    }
    return c;
  }

  /**
   * {@code s} without the characters XML 1.0 cannot hold at all (most control characters, lone
   * surrogates); the serialiser escapes everything else.
   */
  static String xmlSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
        || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF).forEach(b::appendCodePoint);
    return b.toString();
  }

  private static String serialise(Document doc) throws TransformerException {
    var t = TransformerFactory.newInstance().newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    t.setOutputProperty(OutputKeys.INDENT, "yes");
    t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
    doc.setXmlStandalone(true);
    StringWriter w = new StringWriter();
    t.transform(new DOMSource(doc), new StreamResult(w));
    // The JDK's serialiser puts the root element on the declaration's line.
    return w.toString().replaceFirst("\\?><", "?>\n<").stripTrailing() + "\n";
  }
}
