package io.herald.ingest;

/** A single row the intake refused (see {@link Intake.Taking#addNow}), with the field, value and reason. */
public final class RowRejected extends RuntimeException {
  private final Rejection rejection;

  public RowRejected(Rejection rejection) {
    super(rejection.reason(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
