package io.herald.contacts;

/** How large an import may be: bytes of the upload, rows and columns of the table. */
public record ImportLimits(long maxBytes, int maxRows, int maxColumns) {
  /** 32 MiB holds several hundred thousand rows of contacts. */
  public static final ImportLimits DEFAULT = new ImportLimits(32L * 1024 * 1024, 1_000_000, 200);
}
