package org.dpaudit.audit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dpaudit.core.artifact.gate.GatePolicy;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.artifact.gate.RuleStatus;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit report parses with the JDK's DOM parser and has one test case per rule. */
class JUnitXmlTest {
  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static GateRecord gate(String run, List<RuleResult> rules) {
    Provenance p = Provenance.of("gate", Map.of(), List.of(), EnvironmentInfo.current(), null, Instant.EPOCH);
    return GateRecord.of(run, p, null, new GatePolicy(null, null, null, null, null, null, null, null, null), rules);
  }

  @Test
  void oneTestCasePerRule_failuresAndSkipsMarked() throws Exception {
    List<RuleResult> rules = Gate.evaluate(GateTest.policy(), GateTest.audit("dp2", org.dpaudit.core.artifact.audit.Verdict.CONSISTENT,
        3.5, 0.3, 0.9, GateTest.attack("loss", 0.52, 0, 0), GateTest.attack("lira", 0.5, 0, 0)), null);
    Document d = parse(JUnitXml.toXml(gate("dp2", rules)));
    Element suites = d.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("13", suites.getAttribute("tests"));
    assertEquals("1", suites.getAttribute("failures"));
    assertEquals("5", suites.getAttribute("skipped"));
    NodeList cases = d.getElementsByTagName("testcase");
    assertEquals(rules.size(), cases.getLength());
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertEquals(rules.get(i).name(), c.getAttribute("name"));
      assertEquals("dpaudit.gate.dp2", c.getAttribute("classname"));
      assertEquals(rules.get(i).status() == RuleStatus.FAIL ? 1 : 0, c.getElementsByTagName("failure").getLength());
      assertEquals(rules.get(i).status() == RuleStatus.SKIP ? 1 : 0, c.getElementsByTagName("skipped").getLength());
    }
    Element failure = (Element) d.getElementsByTagName("failure").item(0);
    assertEquals("accountant epsilon <= 3: found 3.5", failure.getAttribute("message"));
    assertEquals("PolicyViolation", failure.getAttribute("type"));
  }

  @Test
  void namesAndMessages_areEscaped_andForbiddenCharactersDropped() throws Exception {
    String nasty = "a <b> & \"c\" 'd' \u0001\u0007 e\uD800 ]]> f";
    List<RuleResult> rules = List.of(new RuleResult(nasty, RuleStatus.FAIL, 1.0, 0.5, nasty),
        new RuleResult("ok", RuleStatus.PASS, 0.1, 0.5, "fine"));
    String xml = JUnitXml.toXml(gate("run <&>", rules));
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"), xml);
    Document d = parse(xml);
    Element c = (Element) d.getElementsByTagName("testcase").item(0);
    assertEquals("a <b> & \"c\" 'd'  e ]]> f", c.getAttribute("name"));
    assertEquals("dpaudit gate: run <&>", ((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("name"));
    assertEquals("dpaudit.gate.run____", c.getAttribute("classname"));
    assertFalse(xml.contains("\u0001"));
  }
}
