package io.herald.smsc.mo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Passes {@link MoFragment}s over the local event bus by reference; they never leave the JVM. */
final class FragmentCodec implements MessageCodec<MoFragment, MoFragment> {
  static final String NAME = "local-" + MoFragment.class.getName();

  @Override
  public void encodeToWire(Buffer buffer, MoFragment value) {
    throw new UnsupportedOperationException("MoFragment is local to this JVM");
  }

  @Override
  public MoFragment decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("MoFragment is local to this JVM");
  }

  @Override
  public MoFragment transform(MoFragment value) {
    return value;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
