package org.dpaudit.cli.imports;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the ONNX protobuf of a Linear-ReLU-Linear network ({@code Gemm, Relu, Gemm}, opset 13,
 * batch axis dynamic), optionally with a final Softmax, field by field from onnx.proto, so the ONNX
 * tests need no Python: the weights come from the test, the encoding from the published schema.
 */
final class OnnxWriter {
  private OnnxWriter() {}

  /**
   * @param w1 first layer's weights, (hidden x in) row-major, as {@code torch.nn.Linear} keeps them
   * @param w2 second layer's weights, (out x hidden)
   */
  static byte[] mlp(float[] w1, float[] b1, float[] w2, float[] b2, int in, int hidden, int out, boolean softmax) {
    return mlp(w1, b1, w2, b2, in, hidden, out, softmax, false);
  }

  /** As above; {@code batchOfOne}: the input declared as (1, in), as an export without a dynamic axis. */
  static byte[] mlp(float[] w1, float[] b1, float[] w2, float[] b2, int in, int hidden, int out, boolean softmax,
      boolean batchOfOne) {
    Msg graph = new Msg();
    graph.msg(1, node(new String[] {"input", "w1", "b1"}, "h", "Gemm", true));
    graph.msg(1, node(new String[] {"h"}, "r", "Relu", false));
    graph.msg(1, node(new String[] {"r", "w2", "b2"}, softmax ? "z" : "logits", "Gemm", true));
    if (softmax) {
      graph.msg(1, node(new String[] {"z"}, "logits", "Softmax", false));
    }
    graph.string(2, "mlp");
    graph.msg(5, tensor("w1", w1, hidden, in));
    graph.msg(5, tensor("b1", b1, hidden));
    graph.msg(5, tensor("w2", w2, out, hidden));
    graph.msg(5, tensor("b2", b2, out));
    graph.msg(11, valueInfo("input", in, batchOfOne));
    graph.msg(12, valueInfo("logits", out, batchOfOne));
    Msg model = new Msg();
    model.varint(1, 7); // ir_version
    model.string(2, "dpaudit-test");
    model.msg(7, graph);
    Msg opset = new Msg();
    opset.string(1, "");
    opset.varint(2, 13);
    model.msg(8, opset);
    return model.bytes();
  }

  private static Msg node(String[] inputs, String output, String op, boolean transB) {
    Msg n = new Msg();
    for (String i : inputs) {
      n.string(1, i);
    }
    n.string(2, output);
    n.string(3, op + "-" + output);
    n.string(4, op);
    if (transB) {
      Msg a = new Msg();
      a.string(1, "transB");
      a.varint(3, 1);
      a.varint(20, 2); // AttributeType INT
      n.msg(5, a);
    }
    return n;
  }

  private static Msg tensor(String name, float[] values, int... dims) {
    Msg t = new Msg();
    for (int d : dims) {
      t.varint(1, d);
    }
    t.varint(2, 1); // FLOAT
    t.string(8, name);
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    t.bytes(9, b.array());
    return t;
  }

  private static Msg valueInfo(String name, int width, boolean batchOfOne) {
    Msg batch = new Msg();
    if (batchOfOne) {
      batch.varint(1, 1); // dim_value 1
    } else {
      batch.string(2, "batch"); // dim_param: any batch size
    }
    Msg w = new Msg();
    w.varint(1, width);
    Msg shape = new Msg();
    shape.msg(1, batch);
    shape.msg(1, w);
    Msg tensorType = new Msg();
    tensorType.varint(1, 1); // FLOAT
    tensorType.msg(2, shape);
    Msg type = new Msg();
    type.msg(1, tensorType);
    Msg v = new Msg();
    v.string(1, name);
    v.msg(2, type);
    return v;
  }

  /** A protobuf message being written: varint and length-delimited fields. */
  static final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(int field, long v) {
      raw((long) field << 3);
      raw(v);
    }

    void string(int field, String s) {
      bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    void msg(int field, Msg m) {
      bytes(field, m.bytes());
    }

    void bytes(int field, byte[] b) {
      raw((long) field << 3 | 2);
      raw(b.length);
      out.write(b, 0, b.length);
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
